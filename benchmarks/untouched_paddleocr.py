"""The untouched PaddleOCR 3.x pipeline, written without any DocScan code: the reference DocScan is
measured against. Same model folders, PaddleOCR's default parameters, onnxruntime.

Only the document preprocessor (orientation + unwarping models, which cannot be downloaded here) and
the text-line orientation model are switched off, as DocScan's default also runs without them.

    python benchmarks/untouched_paddleocr.py DET_NAME DET_DIR REC_NAME REC_DIR OUT.jsonl IMAGE...
"""

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("PADDLE_PDX_DISABLE_MODEL_SOURCE_CHECK", "True")


def main() -> None:
    det_name, det_dir, rec_name, rec_dir, out_path, *images = sys.argv[1:]
    from paddleocr import PaddleOCR

    ocr = PaddleOCR(text_detection_model_dir=det_dir, text_detection_model_name=det_name,
                    text_recognition_model_dir=rec_dir, text_recognition_model_name=rec_name,
                    use_doc_orientation_classify=False, use_doc_unwarping=False, use_textline_orientation=False,
                    engine="onnxruntime", device="cpu")
    with open(out_path, "w", encoding="utf-8") as out:
        for image in images:
            started = time.perf_counter()
            result = ocr.predict(image)[0]
            seconds = time.perf_counter() - started
            lines = []
            for poly, text in zip(result["rec_polys"], result["rec_texts"]):
                xs, ys = [float(p[0]) for p in poly], [float(p[1]) for p in poly]
                lines.append({"text": text, "box": [min(xs), min(ys), max(xs), max(ys)]})
            out.write(json.dumps({"id": Path(image).stem, "lines": lines, "seconds": seconds}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
