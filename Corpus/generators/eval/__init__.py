"""Labeled samples for `trawl detectors eval` (per-identifier precision and recall).

One module per group of identifiers; each defines `samples(rng)` returning a list of
`Sample`s. The values are generated here with their own check-digit code (Python,
written from the specifications), independently of Trawl's Swift validators.
"""
