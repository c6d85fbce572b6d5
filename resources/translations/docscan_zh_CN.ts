<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../app/docscan/gui/launch.py" line="38"/>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/launch.py" line="39"/>
        <source>DocScan hit an unexpected problem and stopped that action:

{0}

Your open documents and results are still here.</source>
        <translation>DocScan 遇到意外问题，已停止该操作：

{0}

已打开的文档和识别结果都还在。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/capture.py" line="34"/>
        <source>There is no screen to capture.</source>
        <translation>没有可截取的屏幕。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/capture.py" line="30"/>
        <source>This desktop (Wayland) does not let programs read the screen. Take a screenshot with the desktop&apos;s own tool (Print Screen), then paste it into DocScan ({0}).</source>
        <translation>此桌面（Wayland）不允许程序读取屏幕。请用桌面自带的截图工具（Print Screen）截图，再粘贴到 DocScan（{0}）。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/capture.py" line="52"/>
        <source>The screen could not be read here. Take a screenshot with the system&apos;s own tool, then paste it into DocScan ({0}).</source>
        <translation>此处无法读取屏幕。请用系统自带的截图工具截图，再粘贴到 DocScan（{0}）。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/capture.py" line="70"/>
        <source>Capture the screen</source>
        <translation>截取屏幕</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/capture.py" line="113"/>
        <source>Drag over the text to recognise · Esc to cancel</source>
        <translation>拖动框选要识别的文字 · Esc 取消</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="29"/>
        <source>DocScan Settings</source>
        <translation>DocScan 设置</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="52"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="53"/>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="54"/>
        <source>Detect upside-down text lines</source>
        <translation>检测倒置的文本行</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="55"/>
        <source>Turn pages scanned sideways or upside down</source>
        <translation>自动转正横向或倒置扫描的页面</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="56"/>
        <source>Find tables and headings</source>
        <translation>识别表格和标题</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="57"/>
        <source>Tables come out as cells (spreadsheet, Word, CSV, Markdown) and titles as headings</source>
        <translation>表格按单元格输出（电子表格、Word、CSV、Markdown），标题输出为标题</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="62"/>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="63"/>
        <source>Mark a line to check (Recognise → Review) when one of its characters was read with less certainty than this; higher marks more lines, 0 marks none</source>
        <translation>当某行中有字符的识别把握低于此值时，将该行标记为待检查（识别 → 检查）；值越高标记的行越多，0 表示不标记</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="68"/>
        <source>Use a PDF&apos;s own text where it is good</source>
        <translation>PDF 自带文字可用时直接使用</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="68"/>
        <source>Always recognise</source>
        <translation>总是识别</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="69"/>
        <source>Only read PDF text layers</source>
        <translation>只读取 PDF 文字层</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="73"/>
        <source>As the system ({0})</source>
        <translation>跟随系统（{0}）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="76"/>
        <source>The language of DocScan&apos;s window; a change takes effect when DocScan starts again</source>
        <translation>DocScan 窗口的语言；更改后下次启动 DocScan 时生效</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="79"/>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="87"/>
        <source>Models:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="88"/>
        <source>Engine:</source>
        <translation>引擎：</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="90"/>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="92"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="93"/>
        <source>Orientation:</source>
        <translation>方向：</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="95"/>
        <source>Layout:</source>
        <translation>版面：</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="96"/>
        <source>Mark to check below:</source>
        <translation>低于此值标记待检查：</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="97"/>
        <source>PDF render:</source>
        <translation>PDF 渲染：</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="98"/>
        <source>PDF text:</source>
        <translation>PDF 文字：</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="99"/>
        <source>Photos:</source>
        <translation>照片：</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="80"/>
        <source>Straighten photos of pages</source>
        <translation>拉平并摆正拍摄的页面</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="50"/>
        <source>{0} (default)</source>
        <translation>{0}（默认）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="81"/>
        <source>Crop a photographed page to its edges, flatten its perspective, even out its light and straighten its lines (the file is not changed; scans are left as they are); for images opened from now on</source>
        <translation>将拍摄的页面裁剪到其边缘，校正透视，均匀光照并摆正文字行（不修改文件；扫描件保持原样）；对此后打开的图像生效</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="100"/>
        <source>Window language:</source>
        <translation>窗口语言：</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="105"/>
        <source>Reset</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="146"/>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="210"/>
        <source>{0}: not installed</source>
        <translation>{0}：未安装</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="149"/>
        <source>Not installed: install it in {0}</source>
        <translation>未安装：请在“{0}”中安装</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="212"/>
        <source>Not installed ({0}): install it in {1}</source>
        <translation>未安装（{0}）：请在“{1}”中安装</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="239"/>
        <source>Still checking which devices are usable…</source>
        <translation>正在检查可用的设备…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="244"/>
        <location filename="../../app/docscan/gui/settings_dialog.py" line="245"/>
        <source>GPU not available: {0}</source>
        <translation>GPU 不可用：{0}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/open_controller.py" line="21"/>
        <source>Documents ({0});;PDF (*.pdf);;Images ({1});;All files (*)</source>
        <translation>文档 ({0});;PDF (*.pdf);;图片 ({1});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/open_controller.py" line="38"/>
        <location filename="../../app/docscan/gui/window_layout.py" line="65"/>
        <source>Open documents</source>
        <translation>打开的文档</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/find_controller.py" line="27"/>
        <source>Find in the text (Enter: next, Shift+Enter: previous)</source>
        <translation>在文字中查找（Enter：下一个，Shift+Enter：上一个）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/find_controller.py" line="34"/>
        <source>✕</source>
        <translation>✕</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/main_window.py" line="557"/>
        <location filename="../../app/docscan/gui/scan_controller.py" line="166"/>
        <location filename="../../app/docscan/gui/window_layout.py" line="102"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/engine_status.py" line="34"/>
        <source>OCR models not loaded yet</source>
        <translation>OCR 模型尚未加载</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="66"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="67"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="71"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="78"/>
        <source>&amp;Save Results</source>
        <translation>保存结果(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="79"/>
        <source>Save the recognised and corrected text beside the document</source>
        <translation>将识别和校对后的文字保存在文档旁边</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="81"/>
        <source>Save Results &amp;As…</source>
        <translation>结果另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="85"/>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="53"/>
        <source>&amp;Searchable PDF…</source>
        <translation>可搜索 PDF(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="53"/>
        <source>Plain &amp;Text…</source>
        <translation>纯文本(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="53"/>
        <source>Searchable PDF</source>
        <translation>可搜索 PDF</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="53"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="54"/>
        <source>&amp;Markdown…</source>
        <translation>Markdown(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="54"/>
        <source>&amp;JSON…</source>
        <translation>JSON(&amp;J)…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="54"/>
        <source>&amp;hOCR…</source>
        <translation>hOCR(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="55"/>
        <source>&amp;Spreadsheet (.xlsx)…</source>
        <translation>电子表格 (.xlsx)(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="55"/>
        <source>Spreadsheet</source>
        <translation>电子表格</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="56"/>
        <source>&amp;Word Document (.docx)…</source>
        <translation>Word 文档 (.docx)(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="56"/>
        <source>Word document</source>
        <translation>Word 文档</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="57"/>
        <source>Table as &amp;CSV…</source>
        <translation>表格（CSV）(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="57"/>
        <source>&amp;HTML…</source>
        <translation>HTML(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="67"/>
        <source>Open images or PDFs</source>
        <translation>打开图片或 PDF</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="69"/>
        <source>Open as One &amp;Document…</source>
        <translation>作为一个文档打开(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="70"/>
        <source>Open several images or PDFs as the pages of one document</source>
        <translation>把多个图片或 PDF 作为一个文档的各页打开</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="73"/>
        <source>Sca&amp;n…</source>
        <translation>扫描(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="74"/>
        <source>Scan paper from a scanner (glass or feeder) into a document</source>
        <translation>用扫描仪（平板或进纸器）把纸张扫描到文档中</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="75"/>
        <source>Scan Ne&amp;xt Page</source>
        <translation>扫描下一页(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="76"/>
        <source>Scan once more with the same scanner and choices, into the same document</source>
        <translation>用同一台扫描仪和相同的选择再扫描一次，放入同一文档</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="82"/>
        <source>Save as P&amp;DF…</source>
        <translation>另存为 PDF(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="83"/>
        <source>Save the pages as arranged, with their text, as a searchable PDF: the document&apos;s file from then on</source>
        <translation>按排列好的顺序把各页连同文字保存为可搜索的 PDF：此后它就是该文档的文件</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="88"/>
        <source>Export &amp;Tables…</source>
        <translation>导出表格(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="89"/>
        <source>Write the document&apos;s tables to a spreadsheet or another file of tables</source>
        <translation>将文档中的表格写入电子表格或其他表格文件</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="90"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="90"/>
        <source>Print the document&apos;s pages</source>
        <translation>打印文档的页面</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="93"/>
        <source>&amp;Close Document</source>
        <translation>关闭文档(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="95"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="97"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="98"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="99"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="101"/>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="102"/>
        <source>Find words in the recognised text of every page</source>
        <translation>在所有页面的识别文字中查找</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="103"/>
        <source>Find &amp;Next</source>
        <translation>查找下一个(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="104"/>
        <source>Find Pre&amp;vious</source>
        <translation>查找上一个(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="106"/>
        <source>&amp;Copy Selected Lines</source>
        <translation>复制所选行(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="107"/>
        <source>Copy the selected lines (the whole page when none is selected)</source>
        <translation>复制所选行（未选择时复制整页）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="108"/>
        <source>C&amp;orrect Line…</source>
        <translation>更正此行(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="109"/>
        <source>Type the selected line&apos;s text again (as double-click or F2 does)</source>
        <translation>重新输入所选行的文字（同双击或 F2）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="111"/>
        <source>Copy &amp;Page Text</source>
        <translation>复制本页文字(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="112"/>
        <source>Copy &amp;Table</source>
        <translation>复制表格(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="113"/>
        <source>Copy the table (the selected line&apos;s, or the page&apos;s first) so that it pastes as cells into a spreadsheet</source>
        <translation>复制表格（所选行所在的表格，或本页第一个表格），粘贴到电子表格中即为单元格</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="115"/>
        <source>Copy &amp;Document Text</source>
        <translation>复制文档文字(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="117"/>
        <source>&amp;Paste Image</source>
        <translation>粘贴图片(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="117"/>
        <source>Open the image on the clipboard</source>
        <translation>打开剪贴板中的图片</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="118"/>
        <source>Capture &amp;Screen…</source>
        <translation>截屏识别(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="119"/>
        <source>Drag over text anywhere on the screen: it is recognised and copied</source>
        <translation>在屏幕任意位置框选文字：识别后自动复制</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="122"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="124"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="126"/>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="128"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="130"/>
        <source>Fit &amp;Width</source>
        <translation>适合宽度(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="132"/>
        <source>Fit &amp;Page</source>
        <translation>适合页面(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="133"/>
        <source>&amp;100%</source>
        <translation>&amp;100%</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="142"/>
        <source>Show or hide the boxes drawn over the recognised lines and tables</source>
        <translation>显示或隐藏识别行和表格上的方框</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="146"/>
        <source>&amp;Next Page</source>
        <translation>下一页(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="149"/>
        <source>&amp;Pages</source>
        <translation>页面(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="150"/>
        <source>Move Page &amp;Up</source>
        <translation>上移页面(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="151"/>
        <source>Move the selected pages one place up</source>
        <translation>把选中的页面上移一位</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="152"/>
        <source>Move Page Do&amp;wn</source>
        <translation>下移页面(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="153"/>
        <source>Move the selected pages one place down</source>
        <translation>把选中的页面下移一位</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="154"/>
        <source>&amp;Move To</source>
        <translation>移到(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="156"/>
        <source>&amp;Insert Pages From Files…</source>
        <translation>从文件插入页面(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="157"/>
        <source>Insert the pages of images or PDFs after the page shown</source>
        <translation>在当前页之后插入图片或 PDF 的页面</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="158"/>
        <source>&amp;Delete Pages</source>
        <translation>删除页面(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="159"/>
        <source>Delete the selected pages from the document (Undo brings them back)</source>
        <translation>从文档中删除选中的页面（撤销可恢复）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="175"/>
        <source>Recognise the &amp;Line Again</source>
        <translation>重新识别此行(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="176"/>
        <source>Recognise the part of the page under the selected line again</source>
        <translation>重新识别所选行所在的页面区域</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="177"/>
        <source>Re&amp;view</source>
        <translation>复核(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="178"/>
        <source>Check the lines the engine marked, one after another, each under its picture from the page: Enter accepts or corrects, Tab skips</source>
        <translation>逐行检查引擎标记的行，每行上方显示其在页面上的图像：Enter 接受或更正，Tab 跳过</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="216"/>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="216"/>
        <source>Ctrl+wheel</source>
        <translation>Ctrl+滚轮</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="216"/>
        <source>Correct a line</source>
        <translation>更正一行</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="216"/>
        <source>double-click, F2</source>
        <translation>双击，F2</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="217"/>
        <source>Move pages</source>
        <translation>移动页面</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="217"/>
        <source>drag thumbnails</source>
        <translation>拖动缩略图</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="218"/>
        <source>Close Find (in the Find bar)</source>
        <translation>关闭查找（在查找栏中）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="219"/>
        <source>In Review: accept or correct, skip, go back, leave</source>
        <translation>复核中：接受或更正、跳过、返回、退出</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="145"/>
        <source>P&amp;revious Page</source>
        <translation>上一页(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="147"/>
        <source>&amp;Go to Page…</source>
        <translation>转到页(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="141"/>
        <source>Show &amp;Boxes</source>
        <translation>显示文本框(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="135"/>
        <source>Rotate &amp;Left</source>
        <translation>向左旋转(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="136"/>
        <source>Turn this page a quarter to the left (anticlockwise)</source>
        <translation>将本页向左（逆时针）旋转 90°</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="138"/>
        <source>Rotate Ri&amp;ght</source>
        <translation>向右旋转(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="139"/>
        <source>Turn this page a quarter to the right (clockwise)</source>
        <translation>将本页向右（顺时针）旋转 90°</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="167"/>
        <source>&amp;Recognise</source>
        <translation>识别(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="168"/>
        <source>Recognise &amp;This Page</source>
        <translation>识别本页(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="170"/>
        <source>Recognise &amp;All Pages</source>
        <translation>识别全部页面(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="172"/>
        <source>Recognise a &amp;Region</source>
        <translation>识别区域(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="173"/>
        <source>Drag a rectangle on the page to recognise only that part</source>
        <translation>在页面上拖出矩形，只识别该部分</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="180"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="181"/>
        <source>Stop recognising (the pages done are kept), or stop choosing a region</source>
        <translation>停止识别（已完成的页面保留），或停止选择区域</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="184"/>
        <source>&amp;Fast Models</source>
        <translation>快速模型(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/main_window.py" line="114"/>
        <source>Fast</source>
        <translation>快速</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="187"/>
        <source>&amp;Models…</source>
        <translation>模型(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="187"/>
        <source>Install, import or remove OCR models</source>
        <translation>安装、导入或删除 OCR 模型</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="189"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="190"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="191"/>
        <source>&amp;About DocScan</source>
        <translation>关于 DocScan(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_actions.py" line="68"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_layout.py" line="116"/>
        <source> of 0 </source>
        <translation> / 0 </translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/main_window.py" line="162"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/capture_controller.py" line="81"/>
        <source>Copied the captured text (1 line)</source>
        <translation>已复制截屏中的文字（1 行）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/engine_status.py" line="42"/>
        <source>Loading OCR models…</source>
        <translation>正在加载 OCR 模型…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/open_controller.py" line="70"/>
        <source>Opening {0}…</source>
        <translation>正在打开 {0}…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/main_window.py" line="213"/>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/main_window.py" line="255"/>
        <source>Restored saved results from {0}</source>
        <translation>已从 {0} 恢复保存的结果</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/arrange_controller.py" line="66"/>
        <source>Deleted {0} ({1} brings them back).</source>
        <translation>已删除{0}（{1} 可恢复）。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/arrange_controller.py" line="76"/>
        <source>Moved {0} to {1}.</source>
        <translation>已将{0}移到 {1}。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/arrange_controller.py" line="87"/>
        <source>(no other document open)</source>
        <translation>（没有打开其他文档）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/arrange_controller.py" line="94"/>
        <source>Insert pages from files</source>
        <translation>从文件插入页面</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/arrange_controller.py" line="105"/>
        <source>Open as one document</source>
        <translation>作为一个文档打开</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/arrange_controller.py" line="113"/>
        <source> and {0} more</source>
        <translation> 等 {0} 个</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/arrange_controller.py" line="138"/>
        <source>Pages not inserted</source>
        <translation>未插入页面</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/arrange_controller.py" line="153"/>
        <location filename="../../app/docscan/gui/main_window.py" line="260"/>
        <source>{0}  (1 page)</source>
        <translation>{0}（1 页）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/arrange_controller.py" line="153"/>
        <location filename="../../app/docscan/gui/main_window.py" line="260"/>
        <source>{0}  ({1} pages)</source>
        <translation>{0}（{1} 页）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/main_window.py" line="556"/>
        <source>Printing page {0} of {1}…</source>
        <translation>正在打印第 {0} 页，共 {1} 页…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/main_window.py" line="561"/>
        <source>Printing cancelled.</source>
        <translation>已取消打印。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/main_window.py" line="561"/>
        <source>Printed.</source>
        <translation>已打印。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/open_controller.py" line="80"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/open_controller.py" line="80"/>
        <source>{0}

Password:</source>
        <translation>{0}

密码：</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/open_controller.py" line="88"/>
        <source>Image too large</source>
        <translation>图片过大</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/open_controller.py" line="89"/>
        <source>{0}

Open a copy scaled down to 100 megapixels? The file itself is not changed.</source>
        <translation>{0}

是否打开缩小到 1 亿像素的副本？原文件不会被修改。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/open_controller.py" line="92"/>
        <source>Scaling {0} down…</source>
        <translation>正在缩小 {0}…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/main_window.py" line="273"/>
        <source>Cannot open the file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/find_controller.py" line="109"/>
        <source>not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/find_controller.py" line="111"/>
        <source>{0} of {1}</source>
        <translation>第 {0} 个，共 {1} 个</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/find_controller.py" line="113"/>
        <source>{0} found</source>
        <translation>找到 {0} 处</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_layout.py" line="128"/>
        <source> of {0} </source>
        <translation> / {0} </translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/ocr_commands.py" line="43"/>
        <source>This page cannot be recognised: {0}</source>
        <translation>无法识别本页：{0}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/ocr_commands.py" line="50"/>
        <source>No page of this document can be read.</source>
        <translation>此文档没有可读取的页面。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/ocr_commands.py" line="54"/>
        <source>Recognise again?</source>
        <translation>重新识别？</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/ocr_commands.py" line="55"/>
        <source>Every page is recognised already. Recognising again replaces your corrections. Go on?</source>
        <translation>所有页面都已识别。重新识别会覆盖您的校对。是否继续？</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/ocr_commands.py" line="66"/>
        <source>This page is being recognised: turn it once that is done.</source>
        <translation>本页正在识别：请在识别完成后再旋转。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/recognition_controller.py" line="99"/>
        <source>{0} runs on {1} instead of {2} here: its models are installed only in Paddle format (slower on the CPU).</source>
        <translation>{0} 在此处使用 {1} 而不是 {2} 运行：其模型仅以 Paddle 格式安装（在 CPU 上较慢）。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/recognition_controller.py" line="124"/>
        <source>OCR is not available</source>
        <translation>OCR 不可用</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/ocr_commands.py" line="89"/>
        <source>%v of %m pages</source>
        <translation>%v / %m 页</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/capture_controller.py" line="82"/>
        <source>Copied the captured text ({0} lines)</source>
        <translation>已复制截屏中的文字（{0} 行）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/capture_controller.py" line="85"/>
        <source>No text was found in the captured part of the screen.</source>
        <translation>截取的屏幕区域中没有找到文字。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/recognition_controller.py" line="161"/>
        <source>Recognition failed</source>
        <translation>识别失败</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/engine_status.py" line="96"/>
        <source>Recognising: {0}</source>
        <translation>正在识别：{0}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/engine_status.py" line="96"/>
        <source>Ready: {0}</source>
        <translation>就绪：{0}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/engine_status.py" line="46"/>
        <source>⚠ OCR unavailable</source>
        <translation>⚠ OCR 不可用</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/find_controller.py" line="35"/>
        <source>Close Find (Esc)</source>
        <translation>关闭查找（Esc）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_layout.py" line="112"/>
        <source>The page shown: type a number and press Enter to go there ({0})</source>
        <translation>当前页：输入页码并按 Enter 跳转（{0}）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/main_window.py" line="466"/>
        <source>Drag a rectangle over the part of the page to recognise ({0} to stop)</source>
        <translation>在要识别的页面部分上拖出矩形（{0} 停止）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/ocr_commands.py" line="70"/>
        <source>Page turned. Recognise it again ({0}) to read it this way up.</source>
        <translation>页面已旋转。请重新识别（{0}），按现在的方向读取文字。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/engine_status.py" line="67"/>
        <source>Use {0}</source>
        <translation>使用 {0}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/engine_status.py" line="70"/>
        <source>Use the CPU</source>
        <translation>使用 CPU</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/engine_status.py" line="72"/>
        <source>OCR cannot start. {0}</source>
        <translation>OCR 无法启动。{0}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/main_window.py" line="527"/>
        <source>The new language is used when DocScan starts again.</source>
        <translation>新的语言将在下次启动 DocScan 时使用。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/engine_status.py" line="137"/>
        <source>Read with {0}: about 3x faster than {1}, a little less accurate</source>
        <translation>使用 {0} 识别：比 {1} 快约 3 倍，准确率略低</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/engine_status.py" line="139"/>
        <source>{0} is already {1}&apos;s fastest tier</source>
        <translation>{0} 已是 {1} 最快的档位</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/text_out.py" line="40"/>
        <source>Copied 1 line</source>
        <translation>已复制 1 行</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/text_out.py" line="40"/>
        <source>Copied {0} lines</source>
        <translation>已复制 {0} 行</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/text_out.py" line="45"/>
        <source>This page has no recognised text to copy.</source>
        <translation>本页没有可复制的识别文字。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/text_out.py" line="48"/>
        <source>Copied page {0}</source>
        <translation>已复制第 {0} 页</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/text_out.py" line="53"/>
        <source>Nothing recognised yet to copy.</source>
        <translation>尚无可复制的识别结果。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/text_out.py" line="57"/>
        <source>Copied the text of 1 page</source>
        <translation>已复制 1 页的文字</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/text_out.py" line="58"/>
        <source>Copied the text of {0} pages</source>
        <translation>已复制 {0} 页的文字</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/text_out.py" line="77"/>
        <source>Nothing recognised yet to export.</source>
        <translation>尚无可导出的识别结果。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/text_out.py" line="80"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/main_window.py" line="571"/>
        <source>Exported to {0}</source>
        <translation>已导出到 {0}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/drop_controller.py" line="77"/>
        <source>The clipboard holds no image.</source>
        <translation>剪贴板中没有图片。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/drop_controller.py" line="79"/>
        <source>Pasted image {0}</source>
        <translation>粘贴的图片 {0}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/capture_controller.py" line="51"/>
        <source>Screen capture</source>
        <translation>截屏</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/capture_controller.py" line="63"/>
        <source>Screen capture {0}</source>
        <translation>截屏 {0}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/save_controller.py" line="33"/>
        <source>Save results</source>
        <translation>保存结果</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/save_controller.py" line="34"/>
        <source>DocScan results (*.json)</source>
        <translation>DocScan 结果 (*.json)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/main_window.py" line="575"/>
        <source>Saved to {0}</source>
        <translation>已保存到 {0}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/engine_status.py" line="79"/>
        <source>OCR is not available: the message above the page says why.</source>
        <translation>OCR 不可用：页面上方的消息说明了原因。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_layout.py" line="24"/>
        <source>Drop images or PDFs here

or open them with {0} ({1}),
or paste an image ({2})</source>
        <translation>将图片或 PDF 拖放到这里

或通过“{0}”（{1}）打开，
或粘贴图片（{2}）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/main_window.py" line="167"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/save_controller.py" line="45"/>
        <location filename="../../app/docscan/gui/save_controller.py" line="55"/>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/save_controller.py" line="46"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/save_controller.py" line="56"/>
        <source>{0} holds pages of this document: choose another name.</source>
        <translation>{0} 含有此文档的页面：请另选一个名称。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/save_controller.py" line="70"/>
        <source>The corrections in {0} are not saved.</source>
        <translation>{0} 中的校对尚未保存。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/save_controller.py" line="70"/>
        <source>The recognised text in {0} is not saved.</source>
        <translation>{0} 的识别文字尚未保存。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/save_controller.py" line="71"/>
        <source>Unsaved work</source>
        <translation>未保存的工作</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/save_controller.py" line="72"/>
        <source>Save before closing?</source>
        <translation>关闭前保存吗？</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/help_dialogs.py" line="20"/>
        <source>Keyboard Shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/help_dialogs.py" line="35"/>
        <source>About DocScan</source>
        <translation>关于 DocScan</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/help_dialogs.py" line="37"/>
        <source>Engine: PP-OCR models on {0} {1}, {2}</source>
        <translation>引擎：PP-OCR 模型，运行于 {0} {1}，{2}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/help_dialogs.py" line="40"/>
        <source>Models: {0}: {1}</source>
        <translation>模型：{0}：{1}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/help_dialogs.py" line="40"/>
        <source>not loaded yet</source>
        <translation>尚未加载</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/drop_controller.py" line="25"/>
        <source>Release to open 1 file</source>
        <translation>松开以打开 1 个文件</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/drop_controller.py" line="26"/>
        <source>Release to open {0} files</source>
        <translation>松开以打开 {0} 个文件</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/drop_controller.py" line="28"/>
        <source>Release to open the image</source>
        <translation>松开以打开图片</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/drop_controller.py" line="30"/>
        <source>DocScan does not download from the web:
save the image from the browser,
then drop the file</source>
        <translation>DocScan 不从网络下载：
请先在浏览器中保存图片，
再拖入该文件</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/drop_controller.py" line="54"/>
        <source>Looking for documents…</source>
        <translation>正在查找文档…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/drop_controller.py" line="59"/>
        <source>Dropped image {0}</source>
        <translation>拖入的图片 {0}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/drop_controller.py" line="61"/>
        <source>DocScan does not download from the web: save the image from the browser, then drop the file.</source>
        <translation>DocScan 不从网络下载：请先在浏览器中保存图片，再拖入该文件。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/drop_controller.py" line="84"/>
        <source>No images or PDFs in {0}</source>
        <translation>{0} 中没有图片或 PDF</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/drop_controller.py" line="87"/>
        <source>Many documents</source>
        <translation>文档过多</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/drop_controller.py" line="88"/>
        <source>The dropped folders hold {0} images and PDFs; the first {1} are opened. To recognise them all, use the command line: docscan ocr FOLDER -o OUTPUT_FOLDER</source>
        <translation>拖入的文件夹中有 {0} 个图片和 PDF，已打开前 {1} 个。如需全部识别，请使用命令行：docscan ocr FOLDER -o OUTPUT_FOLDER</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="195"/>
        <source> · {0:.1f} s/page</source>
        <translation> · {0:.1f} 秒/页</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="196"/>
        <source>{0:.0f} s</source>
        <translation>{0:.0f} 秒</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="196"/>
        <source>{0:.0f} min</source>
        <translation>{0:.0f} 分钟</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="197"/>
        <source> · {0:.1f} s/page · about {1} left</source>
        <translation> · {0:.1f} 秒/页 · 约剩 {1}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="341"/>
        <source>That document is not open (yet).</source>
        <translation>该文档（尚未）打开。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="384"/>
        <source>A document keeps at least one page: close it instead ({0}).</source>
        <translation>文档至少保留一页：请改为关闭它（{0}）。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="473"/>
        <source>Recognition is already running; cancel it first ({0}).</source>
        <translation>识别正在进行；请先取消（{0}）。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="576"/>
        <source>Recognition failed.</source>
        <translation>识别失败。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="592"/>
        <source>Cancelled: {0} of {1} pages recognised and kept.</source>
        <translation>已取消：{1} 页中已识别 {0} 页，结果已保留。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="594"/>
        <source>Not recognised: {0}</source>
        <translation>未识别：{0}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="598"/>
        <source>Recognised the region on page {0}: 1 line in {2:.1f} s</source>
        <translation>已识别第 {0} 页的区域：1 行，用时 {2:.1f} 秒</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="599"/>
        <source>Recognised the region on page {0}: {1} lines in {2:.1f} s</source>
        <translation>已识别第 {0} 页的区域：{1} 行，用时 {2:.1f} 秒</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="601"/>
        <source>Recognised 1 page in {1:.1f} s</source>
        <translation>已识别 1 页，用时 {1:.1f} 秒</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="601"/>
        <source>Recognised {0} pages in {1:.1f} s</source>
        <translation>已识别 {0} 页，用时 {1:.1f} 秒</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="604"/>
        <source> ({0:.1f} s/page)</source>
        <translation>（{0:.1f} 秒/页）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="606"/>
        <source>; not recognised: {0}</source>
        <translation>；未识别：{0}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="617"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="620"/>
        <source>Recognising {0}…</source>
        <translation>正在识别 {0}…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="621"/>
        <source>Page {0}: {1} of {2}</source>
        <translation>第 {0} 页：{1} / {2}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="656"/>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="658"/>
        <source>recognising…</source>
        <translation>识别中…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="660"/>
        <source>⚠ cannot be read</source>
        <translation>⚠ 无法读取</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="662"/>
        <source>⚠ failed</source>
        <translation>⚠ 失败</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="666"/>
        <source>text layer</source>
        <translation>文字层</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="666"/>
        <source>{0:.1f} s</source>
        <translation>{0:.1f} 秒</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="667"/>
        <source>✓ {0} lines, {1}</source>
        <translation>✓ {0} 行，{1}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="667"/>
        <source>✓ 1 line, {1}</source>
        <translation>✓ 1 行，{1}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="679"/>
        <source>Recognising this page…</source>
        <translation>正在识别本页…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="681"/>
        <source>This page cannot be read:
{0}</source>
        <translation>无法读取本页：
{0}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="684"/>
        <source>This page could not be recognised:
{0}</source>
        <translation>本页未能识别：
{0}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="686"/>
        <source>No text yet.

Recognise this page ({0}) or all pages ({1}).</source>
        <translation>尚无文字。

识别本页（{0}）或全部页面（{1}）。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="694"/>
        <source>No document open.

Open images or PDFs ({0}), drop them here, or paste an image ({1}).</source>
        <translation>没有打开的文档。

打开图片或 PDF（{0}），拖放到这里，或粘贴图片（{1}）。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="701"/>
        <source>page {0}</source>
        <translation>第 {0} 页</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="701"/>
        <source>pages {0}</source>
        <translation>第 {0} 页</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/window_model.py" line="689"/>
        <source>No text was found on this page.</source>
        <translation>本页没有找到文字。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="37"/>
        <source>Installed {0}.</source>
        <translation>已安装 {0}。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="40"/>
        <source>Imported {0} ({1}).</source>
        <translation>已导入 {0}（{1}）。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="46"/>
        <source>Unexpected problem: {0}</source>
        <translation>意外问题：{0}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="55"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="59"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="59"/>
        <source>Role</source>
        <translation>用途</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="59"/>
        <source>Installed</source>
        <translation>已安装</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="59"/>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="65"/>
        <source>Model store: {0}</source>
        <translation>模型目录：{0}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="69"/>
        <source>Download &amp;&amp; Install</source>
        <translation>下载并安装</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="71"/>
        <source>Install {0}</source>
        <translation>安装 {0}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="72"/>
        <source>The accurate ({0}) tier of {1}: {2}</source>
        <translation>{1} 的高精度（{0}）档位：{2}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="74"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="75"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="76"/>
        <source>Cancel Download</source>
        <translation>取消下载</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="78"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="117"/>
        <source>not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="119"/>
        <source>  (broken: {0})</source>
        <translation>（已损坏：{0}）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="147"/>
        <source>Downloading {0}…</source>
        <translation>正在下载 {0}…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="147"/>
        <source>Importing {0}…</source>
        <translation>正在导入 {0}…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="157"/>
        <source>Import a model archive</source>
        <translation>导入模型压缩包</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="158"/>
        <source>Model archives (*.tar);;All files (*)</source>
        <translation>模型压缩包 (*.tar);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="164"/>
        <source>Remove model</source>
        <translation>删除模型</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="164"/>
        <source>Remove {0}?</source>
        <translation>删除 {0}？</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="173"/>
        <source>Downloading {0}: {1:.1f} of {2:.1f} MB</source>
        <translation>正在下载 {0}：{1:.1f} / {2:.1f} MB</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/model_manager_dialog.py" line="175"/>
        <source>Downloading {0}: {1:.1f} MB</source>
        <translation>正在下载 {0}：{1:.1f} MB</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/page_view.py" line="46"/>
        <source>confidence {0:.0%}</source>
        <translation>置信度 {0:.0%}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/page_view.py" line="48"/>
        <source> (corrected)</source>
        <translation>（已校对）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/page_view.py" line="50"/>
        <source>To check: {0}</source>
        <translation>待检查：{0}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/page_view.py" line="52"/>
        <source>Checked</source>
        <translation>已检查</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/page_view.py" line="123"/>
        <source>Table: {0} rows, {1} columns (right-click to copy it)</source>
        <translation>表格：{0} 行，{1} 列（右键单击可复制）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/page_view.py" line="214"/>
        <source>Loading page…</source>
        <translation>正在加载页面…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/panels.py" line="113"/>
        <source>Page {0}</source>
        <translation>第 {0} 页</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/panels.py" line="411"/>
        <source>Close this message</source>
        <translation>关闭此消息</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/engine_choice.py" line="61"/>
        <source>The {0} recogniser ({1})</source>
        <translation>{0}识别模型（{1}）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/engine_choice.py" line="76"/>
        <source>{0} is not installed. Install it in {1}</source>
        <translation>{0} 未安装。请在“{1}”中安装</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/engine_choice.py" line="80"/>
        <source>{0} is not installed here.</source>
        <translation>此处未安装 {0}。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/engine_choice.py" line="94"/>
        <source>PaddlePaddle (Paddle format)</source>
        <translation>PaddlePaddle（Paddle 格式）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/engine_choice.py" line="95"/>
        <source>{0} cannot run {1} here: its models are installed only for {2}.</source>
        <translation>{0} 无法在此处运行 {1}：其模型仅为 {2} 安装。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/engine_choice.py" line="101"/>
        <source>The GPU cannot be used with {0} here: {1}</source>
        <translation>此处无法将 GPU 用于 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/engine_choice.py" line="115"/>
        <source>The models of {0} are damaged or incomplete. Install them again in {1}</source>
        <translation>{0} 的模型已损坏或不完整。请在“{1}”中重新安装</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/print_controller.py" line="53"/>
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/print_controller.py" line="88"/>
        <source>The printer stopped after {0} pages.</source>
        <translation>打印机在 {0} 页后停止。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_controller.py" line="43"/>
        <source>The feeder is empty: put the pages in the feeder, then scan again.</source>
        <translation>进纸器是空的：请把纸张放入进纸器，然后再扫描。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_controller.py" line="44"/>
        <source>The paper is jammed in the scanner: open it, take the sheet out, then scan again.</source>
        <translation>扫描仪卡纸：请打开扫描仪取出纸张，然后再扫描。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_controller.py" line="45"/>
        <source>The scanner&apos;s cover is open: close it, then scan again.</source>
        <translation>扫描仪的盖子开着：请合上，然后再扫描。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_controller.py" line="46"/>
        <source>The scanner is busy with another job: wait until it is done, then scan again.</source>
        <translation>扫描仪正忙于其他任务：请等它完成后再扫描。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_controller.py" line="47"/>
        <source>The scanner {0} does not answer: check that it is switched on and connected (its cable, or the network), then scan again.</source>
        <translation>扫描仪 {0} 没有响应：请检查它已开机并已连接（数据线或网络），然后再扫描。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_controller.py" line="51"/>
        <source>The scan failed.</source>
        <translation>扫描失败。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_controller.py" line="102"/>
        <source>A scan is in progress: wait for it or cancel it first.</source>
        <translation>正在扫描：请等待完成或先取消。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_controller.py" line="134"/>
        <source>The scan cannot start: {0}</source>
        <translation>无法开始扫描：{0}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_controller.py" line="136"/>
        <source>Scan {0}</source>
        <translation>扫描 {0}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_controller.py" line="162"/>
        <source>Stopping the scanner…</source>
        <translation>正在停止扫描仪…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_controller.py" line="165"/>
        <source>Scanning page {0}…</source>
        <translation>正在扫描第 {0} 页…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_controller.py" line="227"/>
        <source>Scan cancelled; {0} scanned page(s) kept.</source>
        <translation>扫描已取消；已保留扫描好的 {0} 页。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_controller.py" line="230"/>
        <source>Scan Again</source>
        <translation>再次扫描</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_controller.py" line="232"/>
        <source>The scanner sent no page.</source>
        <translation>扫描仪没有送出任何页面。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_controller.py" line="234"/>
        <source>Scanned {0} page(s) into {1}.</source>
        <translation>已扫描 {0} 页到 {1}。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="22"/>
        <source>Glass (flatbed)</source>
        <translation>玻璃面板（平板）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="22"/>
        <source>Feeder</source>
        <translation>进纸器</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="22"/>
        <source>Feeder, both sides</source>
        <translation>进纸器，双面</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="26"/>
        <source>Colour</source>
        <translation>彩色</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="26"/>
        <source>Grey</source>
        <translation>灰度</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="30"/>
        <source>Letter</source>
        <translation>Letter</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="30"/>
        <source>Legal</source>
        <translation>Legal</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="30"/>
        <source>Whole scan area</source>
        <translation>整个扫描区域</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="53"/>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="106"/>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="61"/>
        <source>Look on the Network</source>
        <translation>在网络上查找</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="62"/>
        <source>Also find scanners on the network (takes a few seconds)</source>
        <translation>也在网络上查找扫描仪（需要几秒钟）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="65"/>
        <source>a network scanner&apos;s address, e.g. 192.168.1.20</source>
        <translation>网络扫描仪的地址，例如 192.168.1.20</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="66"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="81"/>
        <source>A new document</source>
        <translation>新文档</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="82"/>
        <source>The current document, after the page shown</source>
        <translation>当前文档，放在所显示的页面之后</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="90"/>
        <source>Scanner:</source>
        <translation>扫描仪：</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="94"/>
        <source>By address:</source>
        <translation>按地址：</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="96"/>
        <source>Paper in:</source>
        <translation>纸张位置：</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="97"/>
        <source>Resolution:</source>
        <translation>分辨率：</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="98"/>
        <source>Colour:</source>
        <translation>颜色：</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="99"/>
        <source>Page size:</source>
        <translation>页面大小：</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="103"/>
        <source>Put the pages into:</source>
        <translation>页面放入：</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="123"/>
        <source>Looking for scanners on the network…</source>
        <translation>正在网络上查找扫描仪…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="124"/>
        <source>Looking for scanners…</source>
        <translation>正在查找扫描仪…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="179"/>
        <source>“{0}” is not a network address (a name such as scanner.local or a number such as 192.168.1.20, with :port if it is not 80).</source>
        <translation>“{0}”不是网络地址（应为 scanner.local 这样的名称或 192.168.1.20 这样的数字，端口不是 80 时加上 :端口）。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="184"/>
        <source>{0} (network)</source>
        <translation>{0}（网络）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="197"/>
        <source>Asking the scanner what it can do…</source>
        <translation>正在询问扫描仪支持哪些功能…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="212"/>
        <source>{0} dpi</source>
        <translation>{0} dpi</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/scan_dialog.py" line="235"/>
        <source>No scanner was found. Check that it is switched on and connected (a USB cable, or the same network as this computer) and that its driver is installed (on Linux: SANE, with sane-airscan for network scanners). A network scanner can also be added by its address (By address, above).</source>
        <translation>没有找到扫描仪。请检查它已开机并已连接（USB 数据线，或与本机在同一网络），并且已安装其驱动（Linux 上为 SANE，网络扫描仪还需 sane-airscan）。也可以按地址添加网络扫描仪（见上方“按地址”）。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="162"/>
        <source>&amp;Straighten Photo</source>
        <translation>拉直照片(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="163"/>
        <source>Show a photographed page cropped and straightened, or as it was taken</source>
        <translation>显示裁剪并拉直后的照片页面，或按拍摄时的原样显示</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="164"/>
        <source>Adjust Page &amp;Corners…</source>
        <translation>调整页面角点(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/actions.py" line="165"/>
        <source>Move the corners of the page in the photo, where the page is cut out and straightened</source>
        <translation>移动照片中页面的四个角：页面按这些角裁剪并拉直</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/corners_dialog.py" line="52"/>
        <source>Adjust Page Corners</source>
        <translation>调整页面角点</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/corners_dialog.py" line="68"/>
        <source>Drag the four corners onto the corners of the page, then press OK.</source>
        <translation>将四个角拖到页面的四个角上，然后按“确定”。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/photo_controller.py" line="119"/>
        <source>The page changed: recognise it again.</source>
        <translation>页面已更改：请重新识别。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/table_controller.py" line="88"/>
        <source>This page has no table to copy.</source>
        <translation>此页没有可复制的表格。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/table_controller.py" line="94"/>
        <source>Copied a table of {0} rows and {1} columns</source>
        <translation>已复制表格：{0} 行，{1} 列</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/table_controller.py" line="121"/>
        <source>This document has no tables to export.</source>
        <translation>此文档没有可导出的表格。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/table_controller.py" line="125"/>
        <source>Export Tables</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/corrections.py" line="26"/>
        <source>correction of line {0} on page {1}</source>
        <translation>第 {1} 页第 {0} 行的更正</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/corrections.py" line="26"/>
        <source>check of line {0} on page {1}</source>
        <translation>第 {1} 页第 {0} 行的检查</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/review_controller.py" line="60"/>
        <source>Recognise the document first ({0}): Review goes through the lines it marks.</source>
        <translation>请先识别文档（{0}）：复核会逐一检查识别时标记的行。</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/review_controller.py" line="116"/>
        <location filename="../../app/docscan/gui/review_controller.py" line="117"/>
        <source>{0} checked</source>
        <translation>已检查 {0} 行</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/review_controller.py" line="117"/>
        <source>{0} of {1} to check</source>
        <translation>待检查第 {0} 行，共 {1} 行</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/review_controller.py" line="127"/>
        <source>All marked lines checked</source>
        <translation>所有标记的行均已检查</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/review_controller.py" line="127"/>
        <source>No line of this document is marked to check</source>
        <translation>此文档中没有标记为待检查的行</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/review_controller.py" line="156"/>
        <source>The line lies outside its page</source>
        <translation>该行位于页面之外</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/review_panel.py" line="54"/>
        <source>Review</source>
        <translation>复核</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/review_panel.py" line="64"/>
        <source>Leave Review (Esc)</source>
        <translation>退出复核（Esc）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/review_panel.py" line="90"/>
        <source>The line&apos;s text: Enter accepts it as it reads here (typed over: the correction)</source>
        <translation>该行的文字：按 Enter 按此处内容接受（若已改写，即为更正）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/review_panel.py" line="94"/>
        <source>Accept (Enter)</source>
        <translation>接受（Enter）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/review_panel.py" line="95"/>
        <source>Skip (Tab)</source>
        <translation>跳过（Tab）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/review_panel.py" line="96"/>
        <source>Back (Shift+Tab)</source>
        <translation>返回（Shift+Tab）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/review_panel.py" line="101"/>
        <source>Close Review</source>
        <translation>关闭复核</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/review_panel.py" line="117"/>
        <source>Checked already</source>
        <translation>已检查过</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/review_panel.py" line="117"/>
        <source>Why: {0}</source>
        <translation>原因：{0}</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/review_panel.py" line="125"/>
        <source>Loading the line&apos;s picture…</source>
        <translation>正在加载该行的图像…</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/review_queue.py" line="31"/>
        <source>a character the recogniser was unsure of</source>
        <translation>有识别器不确定的字符</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/review_queue.py" line="32"/>
        <source>a character may be missing (read as nothing)</source>
        <translation>可能漏了一个字符（被读成空白）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/review_queue.py" line="33"/>
        <source>a letter where a digit belongs, or a digit among letters (0/O, 1/l, 5/S, 8/B)</source>
        <translation>该是数字处出现字母，或字母间夹着数字（0/O、1/l、5/S、8/B）</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/review_queue.py" line="34"/>
        <source>an amount whose point may have been read as a space</source>
        <translation>金额的小数点可能被读成了空格</translation>
    </message>
    <message>
        <location filename="../../app/docscan/gui/review_queue.py" line="40"/>
        <source>marked to check</source>
        <translation>标记为待检查</translation>
    </message>
</context>
</TS>
