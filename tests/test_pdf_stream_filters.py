"""The damage check's own ASCII85 decoder (reader/importing/pdf/damage.py, quicker than
the standard library's on long streams) undoes what the standard library's encoder writes,
and refuses what is not ASCII85."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.importing.pdf.damage import _ascii85


@given(st.binary(max_size=600), st.sampled_from([0, 75]))
def test_what_the_standard_encoder_writes_comes_back_byte_for_byte(data: bytes, width: int):
    encoded = base64.a85encode(data, adobe=True, wrapcol=width)
    assert _ascii85(encoded.removeprefix(b"<~")) == data
    assert _ascii85(encoded.removeprefix(b"<~")) == base64.a85decode(encoded, adobe=True)


@pytest.mark.parametrize("text", [b"abc{}~>", b"s8W-\"~>", b"\xff\xfe~>"])
def test_what_is_not_ascii85_is_refused(text: bytes):
    with pytest.raises(ValueError):
        _ascii85(text)
