// TrawlAWS: what talks to AWS APIs (SigV4 signing, the credential chain, endpoint and
// region resolution, retry with backoff, STS), shared by TrawlStorage (S3 sources) and
// TrawlHub (Security Hub). It imports no other Trawl module.
//
// Written by hand, on swift-crypto (SHA-256, HMAC) and FoundationNetworking (HTTP),
// because no AWS SDK for Swift offers a synchronous, thread-based API without pulling
// in an async runtime and a large dependency tree: the scanner's workers are threads
// and block on their calls. Each concept lives in a file of its own:
//   AWSRequest.swift            the request value signed and sent
//   AWSURIEncoding.swift        SigV4's percent-encoding rules
//   SigV4Signer.swift           AWS Signature Version 4
//   AWSCredentials.swift        credentials, the provider protocol, credential errors
//   SharedConfigFiles.swift     ~/.aws/credentials and ~/.aws/config parsing
//   CredentialChain.swift       the SDKs' resolution order, caching and refresh
//   ProfileCredentialsProvider.swift, WebIdentityCredentialsProvider.swift,
//   ContainerCredentialsProvider.swift, InstanceMetadataCredentialsProvider.swift
//   AWSClientConfiguration.swift region and per-service endpoint resolution
//   AWSHTTPClient.swift         blocking HTTP over AsyncHTTPClient (CA bundle honoured), with retries
//   RetryPolicy.swift           exponential backoff with full jitter, retryability
//   AWSServiceError.swift       AWS JSON and Query/XML error bodies
//   STSClient.swift             GetCallerIdentity, AssumeRole, AssumeRoleWithWebIdentity
//   AWSTime.swift               the timestamp formats SigV4 and the services use
