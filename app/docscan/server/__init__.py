"""The local HTTP service (`docscan serve`): the PaddleOCR server workflow on port 8868, PaddleHub's
`/predict/ocr_system` and PaddleOCR 3.x's `/ocr`, over the same core as the window and the CLI."""
