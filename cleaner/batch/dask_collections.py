"""Cleaning Dask collections a pipeline already holds: a bag of records, a dataframe.

```python
from cleaner.batch.dask_collections import clean_bag, clean_dataframe

clean = clean_bag(bag)                    # dicts: text cleaned, title set, "cleaner" summary
frame = clean_dataframe(df, text_column="body", id_column="doc_id")
```

Both are lazy: they return the same kind of collection, with the same
partitions. Each record goes through the local engine's steps (`load_record`,
`clean_loaded`, `loaded_report`, `cleaned_record`), so a record comes out as
its JSONL line would. Site boilerplate is on by default, as on the command
line: a first pass reduces per-partition site tables into one (counts add up,
so the partitioning does not matter) and the cleaning pass gets it. Each
record's site is the host of its URL; records without one share `site`.

A record that cannot be cleaned (no text) is kept as it was, with
`"cleaner": {"error": {...}}` saying why: a collection has no report file,
and dropping rows silently would be worse.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from cleaner.batch.options import Options
from cleaner.batch.work import WorkerState, cleaned_record, failure_for, loaded_report
from cleaner.config import Config
from cleaner.core.errors import InputError
from cleaner.core.site import SiteTable, document_digests, merge_all, site_of
from cleaner.formats.fields import Fields
from cleaner.formats.jsonl import load_record
from cleaner.formats.loading import clean_loaded
from cleaner.report.record import SUMMARY_FIELD

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas as pd

DEFAULT_SITE = "records"
# Site tables merged per task in the first pass's reduction.
SPLIT_EVERY = 8


def count_records(records: Iterable[dict[str, Any]], options: Options, site: str) -> SiteTable:
    """First pass over one partition: each record's site and line digests."""
    table = SiteTable()
    for record in records:
        try:
            loaded = load_record(record, options.fields, options.config)
        except InputError:
            continue  # the cleaning pass marks it
        table.add_digests(site_of(loaded.url, site), document_digests(loaded.text))
    return table


def clean_records(
    records: Iterable[dict[str, Any]], options: Options, table: SiteTable | None, site: str
) -> list[dict[str, Any]]:
    """Second pass over one partition: each record as its JSONL output line would be."""
    state = WorkerState(options, table, None)
    fields = options.fields
    cleaned_records = []
    for given in records:
        record = dict(given)
        display = str(record.get(fields.id, ""))
        try:
            loaded = load_record(record, fields, options.config)
            record_site = site_of(loaded.url, site)
            cleaned = clean_loaded(loaded, options.config, state.lines_for(record_site))
        except Exception as error:  # as in the batch: one bad record, not the pipeline
            record[SUMMARY_FIELD] = {"error": failure_for(display, error).error}
            cleaned_records.append(record)
            continue
        report = loaded_report(display, cleaned, loaded, record_site)
        cleaned_records.append(cleaned_record(record, cleaned, report, fields))
    return cleaned_records


def _options(config: Config | None, fields: Fields, site_boilerplate: bool) -> Options:
    return Options(config=config or Config(), fields=fields, site_boilerplate=site_boilerplate)


def clean_bag(
    bag: dask.bag.Bag,
    *,
    fields: Fields | None = None,
    config: Config | None = None,
    site_boilerplate: bool = True,
    site: str = DEFAULT_SITE,
) -> dask.bag.Bag:
    """A bag of dict records, cleaned: the text field replaced, title and `cleaner` set."""
    options = _options(config, fields or Fields(), site_boilerplate)
    table = None
    if options.two_pass:
        count = partial(count_records, options=options, site=site)
        counted = bag.reduction(count, merge_all, split_every=SPLIT_EVERY)
        # Pruned to the repeated lines, as the engines do: this table goes to every partition.
        table = counted.apply(partial(SiteTable.pruned, config=options.config))
    return bag.map_partitions(clean_records, options, table, site)


def _frame_records(frame: pd.DataFrame, fields: Fields) -> list[dict[str, Any]]:
    wanted = dict.fromkeys((fields.text, fields.id, fields.title, fields.url))
    present = [name for name in wanted if name in frame.columns]
    return [
        {
            name: (None if _missing(value) else value)
            for name, value in zip(present, row, strict=True)
        }
        for row in frame[present].itertuples(index=False, name=None)
    ]


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)  # None or NaN


def count_frame(frame: pd.DataFrame, options: Options, site: str) -> SiteTable:
    return count_records(_frame_records(frame, options.fields), options, site)


def clean_frame(
    frame: pd.DataFrame, options: Options, table: SiteTable | None, site: str
) -> pd.DataFrame:
    """One partition: the text column cleaned, a title column, a `cleaner` JSON string column."""
    import pandas as pd

    fields = options.fields
    cleaned = clean_records(_frame_records(frame, fields), options, table, site)
    frame = frame.copy()
    texts = [r.get(fields.text) for r in cleaned]
    frame[fields.text] = pd.Series(texts, index=frame.index, dtype=object)
    titles = [r.get(fields.title) for r in cleaned]
    frame[fields.title] = pd.Series(titles, index=frame.index, dtype=object)
    # A JSON string: any Parquet writer takes it, and a reader gets the same dict back.
    summaries = [json.dumps(r[SUMMARY_FIELD], ensure_ascii=False) for r in cleaned]
    frame[SUMMARY_FIELD] = pd.Series(summaries, index=frame.index, dtype=object)
    return frame


def clean_dataframe(
    df: dask.dataframe.DataFrame,
    *,
    text_column: str = "text",
    id_column: str = "id",
    title_column: str = "title",
    url_column: str = "url",
    config: Config | None = None,
    site_boilerplate: bool = True,
    site: str = DEFAULT_SITE,
) -> dask.dataframe.DataFrame:
    """The dataframe with `text_column` cleaned and `title_column` and `cleaner` columns set.

    `cleaner` holds the removal summary as a JSON string (Parquet-friendly);
    other columns are kept as they are.
    """
    from dask import delayed

    fields = Fields(text_column, id_column, title_column, url_column)
    options = _options(config, fields, site_boilerplate)
    table = None
    if options.two_pass:
        level = [delayed(count_frame)(part, options, site) for part in df.to_delayed()]
        while len(level) > 1:
            level = [
                delayed(merge_all)(level[i : i + SPLIT_EVERY])
                for i in range(0, len(level), SPLIT_EVERY)
            ]
        table = delayed(SiteTable.pruned)(level[0], options.config) if level else None
    meta = clean_frame(df._meta, options, None, site)
    return df.map_partitions(clean_frame, options, table, site, meta=meta)
