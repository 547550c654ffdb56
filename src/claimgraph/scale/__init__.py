"""Scale: extraction on more than one core, or more than one machine.

Parsing is nearly all of an ingest's time (docs/performance.md) and each article is
parsed on its own, so workers parse while the calling process reads the inputs and
writes the results. One writer keeps each batch one transaction and the store free of
write contention; linking stays in the caller, since it compares each claim with those
stored before it.

- :func:`extract_in_processes`: worker processes on this machine (``ingest --jobs N``);
- :func:`extract_on_dask`: the workers of a Dask cluster (``ingest --dask ADDRESS``).

    >>> from claimgraph.scale import extract_in_processes
    >>> for document in extract_in_processes(articles, jobs=2):
    ...     ...
"""

from .cluster import extract_on_dask
from .processes import extract_in_processes

__all__ = ["extract_in_processes", "extract_on_dask"]
