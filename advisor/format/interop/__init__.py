"""Import the architecture from the artefacts teams already keep, and hand it back.

Importers (one module per source format) read untrusted documents through the safe
loader and record facts with the line they came from; `merge` writes those facts into
an architecture file (format version 2) without touching what was written by hand.
Exporters turn the model into AsyncAPI 3.0, Backstage entities and diagrams.
"""
