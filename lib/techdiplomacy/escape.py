"""Untrusted text made inert for the place it is shown: one ``str -> str`` helper per sink.

Titles, sources, names, sentences, topic labels and URL parameters come from articles and links
nobody on the team wrote. Each sink interprets some characters as markup, so each gets the one
helper that makes every such character literal, applied where the text reaches the sink:

- :func:`markdown`: Streamlit's Markdown (``st.caption``, titles, labels): CommonMark with GFM,
  Streamlit's ``:color[...]``/``:material/...:`` directives and ``$...$`` maths. Every ASCII
  punctuation character gets a backslash (CommonMark makes any escaped punctuation literal) and
  line breaks become spaces, so no image, link, HTML, heading or formula is ever formed.
- :func:`html`: HTML text and attribute values (``& < > " '``).
- :func:`plotly`: Plotly's pseudo-HTML in hover labels, trace names, tick and text labels
  (``<b>``, ``<a href>``, ``<span style>``, ``<br>``): ``& < >`` as entities, which Plotly shows
  as the characters.
- :func:`terminal`: text printed to a terminal: C0 and C1 control characters (ESC, BEL, CSI, a
  carriage return that overwrites a line, a newline that forges one), DEL and the Unicode line
  separators are shown as ``\\xNN``/``\\uNNNN`` instead of being obeyed.

Imports nothing of techdiplomacy: every layer that shows text may use it.
"""

from __future__ import annotations

import html as _html
import re

_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")
_TERMINAL_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def markdown(text: object) -> str:
    """Return ``text`` as Markdown that renders exactly as the characters of ``text``, on one line
    (without its outer white space: a leading tab would open a code block)."""
    flat = _LINE_BREAKS.sub(" ", str(text)).strip()
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)


def html(text: object) -> str:
    """Return ``text`` escaped for HTML element content and quoted attribute values."""
    return _html.escape(str(text), quote=True)


def css_string(text: object) -> str:
    """Return ``text`` as a double-quoted CSS string (``content: ...``): quotes, backslashes and
    ``<`` (which could end a ``<style>`` element) as CSS escapes, line breaks as spaces."""
    flat = _LINE_BREAKS.sub(" ", str(text))
    return '"' + flat.replace("\\", "\\5c ").replace('"', "\\22 ").replace("<", "\\3c ") + '"'


def plotly(text: object) -> str:
    """Return ``text`` for a Plotly label or hover text: shown as written, no tag obeyed."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _visible(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(text: object) -> str:
    """Return ``text`` with every terminal control character shown as an escape, not obeyed."""
    return _TERMINAL_CONTROL.sub(_visible, str(text))
