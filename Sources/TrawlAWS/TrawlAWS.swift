// TrawlAWS: what talks to AWS APIs (SigV4 signing, the credential chain, endpoint and
// region resolution, retry with backoff), shared by TrawlStorage (S3 sources) and
// TrawlHub (Security Hub). Empty until the publishing and S3 issues; nothing uses it yet.
