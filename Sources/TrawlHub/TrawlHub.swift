// TrawlHub: publishing findings to Security Hub (BatchImportFindings, the spool).
// Empty until the publishing issue; nothing uses it yet.
