// Smoke check that every decoder library imports (removed once each has its decoder).
import CArchive
import CPoppler
import CGMime
import CAvro

func librariesLinked() -> [Any] { [archive_version_number(), poppler_get_version, g_mime_init, avro_schema_string] }
