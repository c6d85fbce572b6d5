"""Take the README's screenshot from the real app in a real X window (run under Xvfb):

    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python docs/make_screenshot.py docs/screenshot.png
"""

import sys
import time

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QGuiApplication

from docscan.gui.app import create_app
from docscan.resources import sample_document


def wait(signal=None, ms=60000):
    loop = QEventLoop()
    if signal is not None:
        signal.connect(loop.quit)
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


app, window = create_app([sample_document()])
window.resize(1360, 860)
window.move(20, 20)
window.show()
window.start_engine()
wait(window.pageShown, 10000)
window.recognise_current_page()
wait(window.ocrFinished, 120000)
window.text_panel.setCurrentRow(2)
window.view.fit_width()
wait(ms=800)
shot = QGuiApplication.primaryScreen().grabWindow(0)
shot.copy(window.frameGeometry()).save(sys.argv[1])
for doc in window.docs.values():
    doc.dirty = False
window.close()
