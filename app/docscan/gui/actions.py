"""The window's actions, declared once: their words, keyboard shortcuts, tips, icons, the method each
calls (the window's or a controller's), and their places in the menus, the toolbar and the right-click
menus (``CONTEXT_MENUS``). The window builds its menus, toolbar and context menus from them
(window_actions.py), Help → Keyboard Shortcuts lists them, messages name a menu path (``menu_path``)
or a key (``keys``) from them, and the README's table of shortcuts is this module's ``markdown_table()``
(a test compares them; ``python -m docscan.gui.actions`` prints it).

The keys are written out rather than taken from ``QKeySequence.StandardKey``: a standard key differs by
platform and is empty for some (Preferences has no key on Linux or Windows; Redo is Ctrl+Shift+Z on Linux
and Ctrl+Y on Windows, and Ctrl+Shift+Z given beside it was bound twice on Linux), so neither the README
nor the help could say which keys work. Qt reads "Ctrl" as Command on macOS, where Ctrl+, is Settings.

Words are translated when the functions are called (after the translation is installed), so
``pyside6-lupdate`` finds each ``tr("…")`` here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

from ..core.formats import FORMATS
from .i18n import tr


@dataclass(frozen=True)
class ActionSpec:
    name: str  # the window's attribute is act_<name>
    text: str  # the menu's words, with the accelerator (&)
    # the method it calls (with ``args``, and whether it is checked when checkable): the window's ("close"),
    # or one of its controllers' or widgets' ("find.open": window.find.open); None: made by the window (undo)
    slot: str | None
    keys: tuple[str, ...] = ()  # QKeySequence's portable text; the first is the one messages name
    tip: str = ""
    checkable: bool = False
    args: tuple = ()
    icon: str = ""  # a Material Design Icons name (icons.py draws it); "" for none


@dataclass(frozen=True)
class MenuSpec:
    name: str
    title: str
    items: tuple  # ActionSpec, MenuSpec (a submenu) or None (a separator)


def export_formats() -> dict[str, tuple[str, str]]:
    """format -> (the Export menu's words, the file type's name in the save dialog's filter), for every
    format of the core's registry (core.formats.FORMATS; the extension comes from there too): in the
    window's language where the words are written here, else the format's own title."""
    words = {"pdf": (tr("&Searchable PDF…"), tr("Searchable PDF")), "txt": (tr("Plain &Text…"), tr("Text")),
             "md": (tr("&Markdown…"), "Markdown"), "json": (tr("&JSON…"), "JSON"), "hocr": (tr("&hOCR…"), "hOCR"),
             "xlsx": (tr("&Spreadsheet (.xlsx)…"), tr("Spreadsheet")),
             "docx": (tr("&Word Document (.docx)…"), tr("Word document")),
             "csv": (tr("Table as &CSV…"), "CSV"), "html": (tr("&HTML…"), "HTML")}
    for name, fmt in FORMATS.items():
        words.setdefault(name, (f"{fmt.title}…", fmt.title))
    return {name: text for name, text in words.items() if name in FORMATS}


def menus() -> tuple[MenuSpec, ...]:
    """The menu bar, in the window's language."""
    return (
        MenuSpec("file", tr("&File"), (
            ActionSpec("open", tr("&Open…"), "opening.open_dialog", ("Ctrl+O",), tr("Open images or PDFs"),
                       icon="mdi6.folder-open-outline"),
            ActionSpec("open_as_one", tr("Open as One &Document…"), "arranging.open_as_one_dialog", (),
                       tr("Open several images or PDFs as the pages of one document")),
            MenuSpec("recent", tr("Open &Recent"), ()),  # the window fills it with the recent files
            None,
            ActionSpec("scan", tr("Sca&n…"), "scans.open_dialog", ("Ctrl+Shift+N",),
                       tr("Scan paper from a scanner (glass or feeder) into a document"), icon="mdi6.scanner"),
            ActionSpec("scan_next", tr("Scan Ne&xt Page"), "scans.scan_next_page", ("Ctrl+Alt+N",),
                       tr("Scan once more with the same scanner and choices, into the same document")),
            None,
            ActionSpec("save", tr("&Save Results"), "save_current", ("Ctrl+S",),
                       tr("Save the recognised and corrected text beside the document"),
                       icon="mdi6.content-save-outline"),
            ActionSpec("save_as", tr("Save Results &As…"), "save_current", ("Ctrl+Shift+S",), args=(True,)),
            ActionSpec("save_pdf", tr("Save as P&DF…"), "arranging.save_pdf", (),
                       tr("Save the pages as arranged, with their text, as a searchable PDF: the document's file "
                          "from then on")),
            MenuSpec("export", tr("&Export"), tuple(
                ActionSpec(f"export_{fmt}", text, "text_out.export_dialog", args=(fmt,))
                for fmt, (text, _name) in export_formats().items())),
            ActionSpec("export_tables", tr("Export &Tables…"), "tables.export_dialog", (),
                       tr("Write the document's tables to a spreadsheet or another file of tables")),
            ActionSpec("print", tr("&Print…"), "print_dialog", ("Ctrl+P",), tr("Print the document's pages"),
                       icon="mdi6.printer-outline"),
            None,
            ActionSpec("close_doc", tr("&Close Document"), "close_current_document", ("Ctrl+W",),
                       icon="mdi6.close"),
            ActionSpec("quit", tr("&Quit"), "close", ("Ctrl+Q",)),
        )),
        MenuSpec("edit", tr("&Edit"), (
            ActionSpec("undo", tr("&Undo"), None, ("Ctrl+Z",), icon="mdi6.undo"),
            ActionSpec("redo", tr("&Redo"), None, ("Ctrl+Shift+Z", "Ctrl+Y"), icon="mdi6.redo"),
            None,
            ActionSpec("find", tr("&Find…"), "find.open", ("Ctrl+F",),
                       tr("Find words in the recognised text of every page"), icon="mdi6.magnify"),
            ActionSpec("find_next", tr("Find &Next"), "find.find_next", ("F3",)),
            ActionSpec("find_prev", tr("Find Pre&vious"), "find.find_next", ("Shift+F3",), args=(True,)),
            None,
            ActionSpec("copy", tr("&Copy Selected Lines"), "text_out.copy_selection", ("Ctrl+C",),
                       tr("Copy the selected lines (the whole page when none is selected)")),
            ActionSpec("edit_line", tr("C&orrect Line…"), "edit_selected_line", (),
                       tr("Type the selected line's text again (as double-click or F2 does)"),
                       icon="mdi6.pencil-outline"),
            ActionSpec("copy_page", tr("Copy &Page Text"), "text_out.copy_page"),
            ActionSpec("copy_table", tr("Copy &Table"), "tables.copy_table", (),
                       tr("Copy the table (the selected line's, or the page's first) so that it pastes as cells "
                          "into a spreadsheet")),
            ActionSpec("copy_all", tr("Copy &Document Text"), "text_out.copy_document", ("Ctrl+Shift+C",),
                       icon="mdi6.content-copy"),
            ActionSpec("paste", tr("&Paste Image"), "drops.paste", ("Ctrl+V",), tr("Open the image on the clipboard")),
            ActionSpec("capture", tr("Capture &Screen…"), "screen_capture.start", ("Ctrl+Shift+A",),
                       tr("Drag over text anywhere on the screen: it is recognised and copied"),
                       icon="mdi6.monitor-screenshot"),
            None,
            ActionSpec("settings", tr("&Settings…"), "open_settings", ("Ctrl+,",), icon="mdi6.cog-outline"),
        )),
        MenuSpec("view", tr("&View"), (
            # Ctrl++ is Ctrl+Shift+= on many keyboards: Ctrl+= zooms in as well
            ActionSpec("zoom_in", tr("Zoom &In"), "view.zoom_by", ("Ctrl++", "Ctrl+="), args=(1.25,),
                       icon="mdi6.magnify-plus-outline"),
            ActionSpec("zoom_out", tr("Zoom &Out"), "view.zoom_by", ("Ctrl+-",), args=(0.8,),
                       icon="mdi6.magnify-minus-outline"),
            ActionSpec("fit_width", tr("Fit &Width"), "view.fit_width", ("Ctrl+2",),
                       icon="mdi6.arrow-expand-horizontal"),
            ActionSpec("fit_page", tr("Fit &Page"), "view.fit_page", ("Ctrl+1",), icon="mdi6.fit-to-page-outline"),
            ActionSpec("actual", tr("&100%"), "view.actual_size", ("Ctrl+0",)),
            None,
            ActionSpec("turn_left", tr("Rotate &Left"), "turn_page", ("Ctrl+[",),
                       tr("Turn this page a quarter to the left (anticlockwise)"), args=(270,),
                       icon="mdi6.rotate-left"),
            ActionSpec("turn_right", tr("Rotate Ri&ght"), "turn_page", ("Ctrl+]",),
                       tr("Turn this page a quarter to the right (clockwise)"), args=(90,), icon="mdi6.rotate-right"),
            None,
            ActionSpec("boxes", tr("Show &Boxes"), "view.set_boxes_visible", ("Ctrl+B",),
                       tr("Show or hide the boxes drawn over the recognised lines and tables"), checkable=True,
                       icon="mdi6.vector-square"),
            None,
            ActionSpec("prev", tr("P&revious Page"), "previous_page", ("PgUp",), icon="mdi6.chevron-up"),
            ActionSpec("next", tr("&Next Page"), "next_page", ("PgDown",), icon="mdi6.chevron-down"),
            ActionSpec("goto", tr("&Go to Page…"), "focus_page_box", ("Ctrl+G",)),
        )),
        MenuSpec("pages", tr("&Pages"), (
            ActionSpec("move_up", tr("Move Page &Up"), "arranging.move_selected_by", ("Ctrl+Shift+Up",),
                       tr("Move the selected pages one place up"), args=(-1,), icon="mdi6.arrow-up"),
            ActionSpec("move_down", tr("Move Page Do&wn"), "arranging.move_selected_by", ("Ctrl+Shift+Down",),
                       tr("Move the selected pages one place down"), args=(1,), icon="mdi6.arrow-down"),
            MenuSpec("move_to", tr("&Move To"), ()),  # the window fills it with the other open documents
            None,
            ActionSpec("insert_pages", tr("&Insert Pages From Files…"), "arranging.insert_dialog", (),
                       tr("Insert the pages of images or PDFs after the page shown"), icon="mdi6.file-plus-outline"),
            ActionSpec("delete_pages", tr("&Delete Pages"), "arranging.delete_selected", ("Del",),
                       tr("Delete the selected pages from the document (Undo brings them back)"),
                       icon="mdi6.delete-outline"),
            None,
            ActionSpec("straighten", tr("&Straighten Photo"), "photos.set_straightened", (),
                       tr("Show a photographed page cropped and straightened, or as it was taken"), checkable=True),
            ActionSpec("adjust_corners", tr("Adjust Page &Corners…"), "photos.adjust_corners", (),
                       tr("Move the corners of the page in the photo, where the page is cut out and straightened")),
        )),
        MenuSpec("ocr", tr("&Recognise"), (
            ActionSpec("ocr_page", tr("Recognise &This Page"), "recognise_current_page", ("Ctrl+R",),
                       icon="mdi6.text-recognition"),
            ActionSpec("ocr_all", tr("Recognise &All Pages"), "recognise_all_pages", ("Ctrl+Shift+R",),
                       icon="mdi6.file-document-multiple-outline"),
            ActionSpec("ocr_region", tr("Recognise a &Region"), "toggle_region_mode", ("Ctrl+Alt+R",),
                       tr("Drag a rectangle on the page to recognise only that part"), checkable=True,
                       icon="mdi6.selection-drag"),
            ActionSpec("ocr_line", tr("Recognise the &Line Again"), "recognise_selected_line", (),
                       tr("Recognise the part of the page under the selected line again")),
            ActionSpec("review", tr("Re&view"), "review.start", ("F7",),
                       tr("Check the lines the engine marked, one after another, each under its picture from the "
                          "page: Enter accepts or corrects, Tab skips"), icon="mdi6.text-box-check-outline"),
            ActionSpec("cancel", tr("&Cancel"), "cancel_ocr", ("Esc",),
                       tr("Stop recognising (the pages done are kept), or stop choosing a region"),
                       icon="mdi6.close-circle-outline"),
            None,
            ActionSpec("fast", tr("&Fast Models"), "engine_status.toggle_fast", ("Ctrl+Shift+F",), checkable=True,
                       icon="mdi6.lightning-bolt-outline"),
            None,
            ActionSpec("models", tr("&Models…"), "open_models", (), tr("Install, import or remove OCR models")),
        )),
        MenuSpec("help", tr("&Help"), (
            ActionSpec("shortcuts", tr("&Keyboard Shortcuts"), "show_shortcuts", ("F1",)),
            ActionSpec("about", tr("&About DocScan"), "show_about"),
        )),
    )


# The toolbar, by action name (None: a separator); the page box follows it.
TOOLBAR = ("open", "scan", "capture", "save", None, "ocr_page", "ocr_all", "ocr_region", "cancel", "fast", None,
           "copy_all", None, "fit_page", "fit_width", "zoom_out", "zoom_in", None, "settings")

# The right-click menus, by action name (None: a separator): on the page, on a recognised line (its box on
# the page or its row in the text panel), on a page's thumbnail, and on a table drawn on the page (its
# actions come first, then the line's or the page's). They list declared actions only (and declared
# submenus, by name).
CONTEXT_MENUS = {
    "table": ("copy_table", "export_tables"),
    "page": ("ocr_page", "ocr_region", None, "zoom_in", "zoom_out", "fit_page", "fit_width", "actual", None,
             "turn_left", "turn_right", None, "boxes", "copy_page"),
    "line": ("copy", "edit_line", "ocr_line", None, "copy_page", "find"),
    "thumbnail": ("ocr_page", None, "turn_left", "turn_right", None, "move_to", "delete_pages", "insert_pages",
                  None, "copy_page", "print", None, "close_doc"),
}


def gestures() -> tuple[tuple[str, str], ...]:
    """What the mouse and keys do outside the actions: (what, how), for the help and the README."""
    return ((tr("Zoom"), tr("Ctrl+wheel")), (tr("Correct a line"), tr("double-click, F2")),
            (tr("Move pages"), tr("drag thumbnails")),
            (tr("Close Find (in the Find bar)"), "Esc"),
            (tr("In Review: accept or correct, skip, go back, leave"), "Enter, Tab, Shift+Tab, Esc"))


def all_actions(items=None):
    """Every ActionSpec, in menu order."""
    for item in menus() if items is None else items:
        if isinstance(item, MenuSpec):
            yield from all_actions(item.items)
        elif item is not None:
            yield item


def action(name: str) -> ActionSpec:
    return next(spec for spec in all_actions() if spec.name == name)


def plain(text: str) -> str:
    """Menu words without the accelerator: "&Open…" is "Open…", "打开(&O)…" is "打开…"."""
    return re.sub(r"\(&\w\)|&(?=\w)", "", text)


def menu_path(name: str) -> str:
    """Where an action or a menu is, as a message names it: "Recognise → Models…" (in the window's language)."""
    def find(items, path):
        for item in items:
            if item is None:
                continue
            here = (*path, plain(item.title if isinstance(item, MenuSpec) else item.text))
            if item.name == name:
                return here
            if isinstance(item, MenuSpec):
                found = find(item.items, here)
                if found:
                    return found
        return None

    found = find(menus(), ())
    if found is None:
        raise KeyError(name)
    return " → ".join(found)


def key_sequences(name: str) -> list[QKeySequence]:
    return [QKeySequence(key) for key in action(name).keys]


def keys(name: str) -> str:
    """An action's first key as this platform writes it ("Ctrl+R"; "⌘R" on macOS), for messages."""
    sequences = key_sequences(name)
    return sequences[0].toString(QKeySequence.SequenceFormat.NativeText) if sequences else ""


def shortcut_rows(native: bool = True) -> list[tuple[str, str]]:
    """(what, keys) for every action with keys, then the gestures: the help's and the README's list."""
    fmt = QKeySequence.SequenceFormat.NativeText if native else QKeySequence.SequenceFormat.PortableText
    rows = [(plain(spec.text).rstrip("…"), ", ".join(QKeySequence(key).toString(fmt) for key in spec.keys))
            for spec in all_actions() if spec.keys]
    return rows + list(gestures())


def markdown_table() -> str:
    """The README's table of keyboard shortcuts (in English): menu, action, keys."""
    lines = ["| menu | action | keys |", "|---|---|---|"]
    for menu in menus():
        for spec in all_actions(menu.items):
            if spec.keys:
                keys_text = ", ".join(QKeySequence(key).toString(QKeySequence.SequenceFormat.PortableText)
                                      for key in spec.keys)
                lines.append(f"| {plain(menu.title)} | {plain(spec.text)} | {keys_text} |")
    return "\n".join(lines)


if __name__ == "__main__":  # the README's table
    print(markdown_table())
