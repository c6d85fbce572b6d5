"""The window's words in the user's language, through Qt's translation machinery.

Every user-visible string goes through ``tr()`` (a plain function, so the model and the dialogs use it
alike; ``pyside6-lupdate`` finds its calls and files them under the empty context). The sources are
``resources/translations/docscan_<locale>.ts``; ``make`` compiles them to ``.qm`` beside them with
``pyside6-lrelease`` (the bundle's build does too). The language follows the system locale unless the
``ui/language`` setting names one.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..resources import resource_path

# locale name -> its name in that language (the settings' choice); English is the source text
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}


def tr(text: str) -> str:
    """``text`` in the user's language (itself when there is no translation)."""
    return QCoreApplication.translate("", text)


def translation_file(language: str):
    return resource_path("translations", f"docscan_{language}.qm")


def chosen_language(setting: str | None) -> str:
    """The language to show: the setting's, else the system's when DocScan speaks it, else English."""
    if setting and setting != "system":
        return setting if setting in LANGUAGES else "en"
    system = QLocale.system().name()  # "zh_CN", "en_US"
    if system in LANGUAGES:
        return system
    return next((name for name in LANGUAGES if name.split("_")[0] == system.split("_")[0]), "en")


_installed: list[QTranslator] = []


def install_translation(app: QCoreApplication, language: str) -> bool:
    """Install DocScan's translation for ``language`` (and Qt's own, for its dialogs' buttons); False
    when there is none (English, or the .qm file was not built)."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "en":
        return False
    ours = QTranslator(app)
    if not ours.load(str(translation_file(language))):
        return False
    app.installTranslator(ours)
    _installed.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return True
