"""One configuration: shipped defaults, overridden by a user file, validated.

The resolved config is recorded in every database the pipeline writes, so a result
can always be traced to the settings that produced it.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any, get_type_hints

USER_FILE = "newsgraph.toml"


class ConfigError(ValueError):
    """A config file that does not validate."""


@dataclass(frozen=True)
class NlpConfig:
    model: str
    batch_size: int
    processes: int
    paragraph_cache: int


@dataclass(frozen=True)
class IngestConfig:
    batch_size: int
    max_document_chars: int
    max_decompressed_bytes: int
    fetch_timeout: float
    fetch_max_bytes: int
    fetch_max_redirects: int
    allow_private_addresses: bool


@dataclass(frozen=True)
class ActorsConfig:
    file: str


@dataclass(frozen=True)
class DedupConfig:
    num_perm: int
    shingle_size: int
    copy_threshold: float
    rewrite_threshold: float


@dataclass(frozen=True)
class StoriesConfig:
    similarity_threshold: float
    window_days: int


@dataclass(frozen=True)
class StoreConfig:
    path: str


@dataclass(frozen=True)
class Config:
    """The resolved settings; every value comes from ``data/defaults.toml`` or the user file."""

    nlp: NlpConfig
    ingest: IngestConfig
    actors: ActorsConfig
    dedup: DedupConfig
    stories: StoriesConfig
    store: StoreConfig

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _section(cls: type, values: dict[str, Any], name: str, origin: str) -> Any:
    hints = get_type_hints(cls)
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in hints:
            raise ConfigError(f"{origin}: unknown key [{name}].{key}")
        expected = hints[key]
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(
                f"{origin}: [{name}].{key} must be {expected.__name__}, got {type(value).__name__}"
            )
        if expected in (int, float) and value < 0:
            raise ConfigError(f"{origin}: [{name}].{key} must not be negative")
        out[key] = value
    missing = set(hints) - set(out)
    if missing:
        raise ConfigError(f"{origin}: [{name}] lacks {', '.join(sorted(missing))}")
    return cls(**out)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = {k: dict(v) for k, v in base.items()}
    for section, values in override.items():
        if not isinstance(values, dict):
            raise ConfigError(f"top-level key {section!r} must be a [section]")
        merged.setdefault(section, {}).update(values)
    return merged


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror}") from exc


def load_config(path: str | Path | None = None) -> Config:
    """Defaults, then ``path`` (or $NEWSGRAPH_CONFIG, or ./newsgraph.toml if present)."""
    defaults_text = resources.files("newsgraph").joinpath("data/defaults.toml").read_text("utf-8")
    data = tomllib.loads(defaults_text)
    origin = "defaults"
    chosen = path or os.environ.get("NEWSGRAPH_CONFIG")
    if chosen:
        user = Path(chosen)
        data = _merge(data, _read_toml(user))
        origin = str(user)
    elif Path(USER_FILE).is_file():
        data = _merge(data, _read_toml(Path(USER_FILE)))
        origin = USER_FILE
    sections: dict[str, type] = get_type_hints(Config)
    built: dict[str, Any] = {}
    for name, values in data.items():
        if name not in sections:
            raise ConfigError(f"{origin}: unknown section [{name}]")
        built[name] = _section(sections[name], values, name, origin)
    return Config(**built)
