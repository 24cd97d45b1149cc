"""Every Streamlit call that renders Markdown gets untrusted text only through `md()`.

The test reads the app's source (dashboard.py, pages/, components/) and finds each call to a
Markdown sink: element bodies (st.markdown, st.caption, st.error, ...), labels and help texts of
widgets, toasts, progress texts. Each text argument must be built from string literals, `md(...)`
(or `h(...)` inside unsafe HTML built by the component itself), and numbers (`len(...)`,
`int(...)`, numeric format specs such as `{n:,}`). A new sink or a new interpolation that skips
the escaping path fails here, before it can render another user's title as a link.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(
    [ROOT / "dashboard.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "components").glob("*.py")]
)

#: Calls whose first positional argument (the body or the label) renders Markdown.
BODY_SINKS = {
    "markdown", "caption", "write", "info", "success", "warning", "error", "title", "header",
    "subheader", "toast", "expander", "page_link", "button", "spinner", "status", "metric",
    "popover", "checkbox", "toggle", "radio", "selectbox", "multiselect", "text_input",
    "text_area", "number_input", "slider", "select_slider", "date_input", "file_uploader",
    "form_submit_button", "download_button", "link_button", "camera_input", "color_picker",
    "segmented_control", "pills", "feedback", "chat_input",
}  # fmt: skip
#: Sinks whose first argument is a page, not text (their label is a keyword).
PAGE_FIRST = {"page_link"}
#: Keyword arguments that render Markdown wherever they appear.
TEXT_KWARGS = {"label", "help", "text", "body", "placeholder", "caption"}
#: Calls that only make a number or escape text: safe inside an f-string.
SAFE_CALLS = {"md", "h", "len", "int", "float", "round", "sum", "min", "max", "abs"}
#: Component builders whose result is escaped inside (each reviewed: they call md() themselves).
SAFE_BUILDERS = {"status_badge", "date_words"}
NUMERIC_SPEC_CHARS = set(",._0123456789dfgeE%")


def _call_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        f = node.func
        if isinstance(f, ast.Name):
            return f.id
        if isinstance(f, ast.Attribute):
            return f.attr
    return None


def _safe(node: ast.AST, names: dict[str, list[ast.AST]] | None = None) -> bool:
    """True when the expression can only hold literal text, escaped text or a number.

    `names`: what each local name of the enclosing function is assigned (None for a parameter
    of a sink wrapper, whose own callers are checked)."""
    names = names or {}

    def ok(n: ast.AST) -> bool:
        return _safe(n, names)

    if isinstance(node, ast.Name) and node.id in names:
        values = names[node.id]
        return all(v is None or ok(v) for v in values)
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str | int | float) or node.value is None
    if isinstance(node, ast.JoinedStr):
        return all(ok(v) for v in node.values)
    if isinstance(node, ast.FormattedValue):
        spec = node.format_spec
        if isinstance(spec, ast.JoinedStr) and all(
            isinstance(v, ast.Constant) for v in spec.values
        ):
            text = "".join(str(v.value) for v in spec.values)
            if text and set(text) <= NUMERIC_SPEC_CHARS:
                return True  # "{n:,}" / "{x:.2f}" only format numbers (a str raises)
        return ok(node.value)
    if isinstance(node, ast.BinOp):
        return ok(node.left) and ok(node.right)
    if isinstance(node, ast.IfExp):
        return ok(node.body) and ok(node.orelse)
    if isinstance(node, ast.Call):
        name = _call_name(node)
        if name == "join" and isinstance(node.func, ast.Attribute) and len(node.args) == 1:
            parts = node.args[0]  # "sep".join(md(x) for x in ...)
            return (
                ok(node.func.value)
                and isinstance(parts, ast.GeneratorExp | ast.ListComp)
                and ok(parts.elt)
            )
        return name in SAFE_CALLS or name in SAFE_BUILDERS
    return False


def _local_names(func: ast.FunctionDef) -> dict[str, list[ast.AST]]:
    """Each local name's assigned values; a sink wrapper's parameters map to [None]."""
    names: dict[str, list[ast.AST]] = {}
    if func.name in BODY_SINKS:
        for a in func.args.args + func.args.kwonlyargs:
            names[a.arg] = [None]
    for node in ast.walk(func):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                names.setdefault(target.id, []).append(node.value)
        elif isinstance(node, ast.NamedExpr):
            names.setdefault(node.target.id, []).append(node.value)
        elif isinstance(node, ast.For | ast.comprehension) and isinstance(node.target, ast.Name):
            names.setdefault(node.target.id, []).append(node.iter)  # never safe: data
    return names


def _sink_args(call: ast.Call) -> list[ast.AST]:
    name = _call_name(call)
    args: list[ast.AST] = []
    target = call.func
    on_st = isinstance(target, ast.Attribute)
    if name in BODY_SINKS and on_st and call.args and name not in PAGE_FIRST:
        args.append(call.args[0])
    if name == "progress" and len(call.args) > 1:
        args.append(call.args[1])
    if on_st and (name in BODY_SINKS or name == "progress"):
        args += [k.value for k in call.keywords if k.arg in TEXT_KWARGS]
    return args


def _violations_of(tree: ast.AST, where: str = "") -> list[str]:
    """`where:line expression` of each sink argument no enclosing scope can show is safe."""
    scopes: list[tuple[ast.AST, dict[str, list[ast.AST]]]] = [(tree, {})]
    scopes += [(f, _local_names(f)) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)]
    seen: dict[tuple[int, int], str] = {}
    accepted: set[tuple[int, int]] = set()
    for scope, names in scopes:
        for node in ast.walk(scope):
            if isinstance(node, ast.Call):
                for arg in _sink_args(node):
                    at = (arg.lineno, arg.col_offset)
                    seen[at] = f"{where}:{node.lineno} {ast.unparse(arg)[:90]}"
                    if _safe(arg, names):
                        accepted.add(at)
    return [text for at, text in sorted(seen.items()) if at not in accepted]


def _violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return _violations_of(tree, str(path.relative_to(ROOT)))


def test_the_sink_finder_sees_sinks():
    sample = ast.parse(
        "st.caption(f'{n:,} of {title}')\nbar.progress(0.5, text=f'done: {name}')\n"
        "st.button('Go', help=note)\nst.markdown('**' + md(t) + '**')\n"
        "st.toast(f'{len(x)} saved')\nst.info(outcome.message)\n"
        "def f(total):\n    msg = f'{total:,} done'\n    st.caption(msg)\n    st.caption(total)\n"
        "def selectbox(label):\n    st.selectbox(label)\n"
    )
    rows = _violations_of(sample)
    assert [r.split(" ", 1)[1] for r in rows] == [
        "f'{n:,} of {title}'", "f'done: {name}'", "note", "outcome.message", "total"
    ]  # fmt: skip


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_markdown_sinks_take_escaped_text(path):
    assert _violations(path) == []


def test_md_keeps_bare_urls_and_addresses_from_linking():
    from components.safe import WORD_JOINER, md

    out = md("see https://evil.example/x, WWW.evil.example and ask help@evil.example")
    assert ":\\//" not in out and "www\\." not in out.lower() and "help@" not in out
    shown = out.replace("\\", "").replace(WORD_JOINER, "")
    assert shown == "see https://evil.example/x, WWW.evil.example and ask help@evil.example"
