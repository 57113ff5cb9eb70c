<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Chip</name>
    <message>
        <source>Remove this filter</source>
        <translation>移除此筛选条件</translation>
    </message>
</context>
<context>
    <name>ConfirmResolve</name>
    <message>
        <source>Resolve duplicates</source>
        <translation>处理重复项</translation>
    </message>
    <message>
        <source>to the system trash (you can restore them from there)</source>
        <translation>到系统回收站（可以从那里恢复）</translation>
    </message>
    <message>
        <source>into the folder {folder}</source>
        <translation>到文件夹 {folder}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Keep&lt;/b&gt; {path}</source>
        <translation>&lt;b&gt;保留&lt;/b&gt; {path}</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Move %Ln photo(s)&lt;/b&gt; {where}:</source>
        <translation>
            <numerusform>&lt;b&gt;移动 %Ln 张照片&lt;/b&gt;{where}：</numerusform>
        </translation>
    </message>
    <message>
        <source>Their tags and keywords are carried over to the photo you keep. Nothing is deleted.</source>
        <translation>它们的标签和关键字会转移到你保留的照片上。不会删除任何内容。</translation>
    </message>
    <message numerus="yes">
        <source>Move %Ln to trash</source>
        <translation>
            <numerusform>将 %Ln 张移到回收站</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %Ln</source>
        <translation>
            <numerusform>移动 %Ln 张</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DateRangeDialog</name>
    <message>
        <source>Photos taken between</source>
        <translation>拍摄日期范围</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>从(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>到(&amp;U)</translation>
    </message>
</context>
<context>
    <name>DuplicateCard</name>
    <message>
        <source>Keep this one</source>
        <translation>保留这张</translation>
    </message>
    <message>
        <source>{width} × {height}</source>
        <translation>{width} × {height}</translation>
    </message>
    <message>
        <source>JPEG quality {quality}</source>
        <translation>JPEG 质量 {quality}</translation>
    </message>
    <message>
        <source>Lossless</source>
        <translation>无损</translation>
    </message>
    <message>
        <source>Looks like an edited copy</source>
        <translation>看起来是编辑过的副本</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
</context>
<context>
    <name>DuplicatesPage</name>
    <message>
        <source>Duplicates</source>
        <translation>重复项</translation>
    </message>
    <message>
        <source>Same picture</source>
        <translation>相同图片</translation>
    </message>
    <message>
        <source>Copies of one photo: resized, re-saved, cropped a little, turned or brightened</source>
        <translation>同一张照片的副本：缩放、重新保存、轻微裁剪、旋转或调亮</translation>
    </message>
    <message>
        <source>Similar shots</source>
        <translation>相似照片</translation>
    </message>
    <message>
        <source>Different photos of the same moment, such as a burst</source>
        <translation>同一时刻拍下的不同照片，例如连拍</translation>
    </message>
    <message>
        <source>Stop looking</source>
        <translation>停止查找</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <source>&amp;Not duplicates</source>
        <translation>不是重复项(&amp;N)</translation>
    </message>
    <message>
        <source>These are different photos: never group them again</source>
        <translation>这些是不同的照片：不再将它们归为一组</translation>
    </message>
    <message>
        <source>Move others to a &amp;folder…</source>
        <translation>将其他照片移到文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Move others to &amp;trash…</source>
        <translation>将其他照片移到回收站(&amp;T)…</translation>
    </message>
    <message>
        <source>Keep the chosen photo; move the others to the trash (Delete)</source>
        <translation>保留所选照片，将其他照片移到回收站（Delete）</translation>
    </message>
    <message>
        <source>Find duplicates</source>
        <translation>查找重复项</translation>
    </message>
    <message>
        <source>PhotoClip compares your photos and shows the copies it finds.</source>
        <translation>PhotoClip 会比较你的照片，并显示找到的副本。</translation>
    </message>
    <message>
        <source>&amp;Look for duplicates</source>
        <translation>查找重复(&amp;L)</translation>
    </message>
    <message>
        <source>Looking for duplicates…</source>
        <translation>正在查找重复项…</translation>
    </message>
    <message>
        <source>Looking for similar shots…</source>
        <translation>正在查找相似照片…</translation>
    </message>
    <message>
        <source>PhotoClip compares photos that look alike, pixel by pixel.</source>
        <translation>PhotoClip 会逐像素比较看起来相似的照片。</translation>
    </message>
    <message>
        <source>Reading photos {done} of {total}…</source>
        <translation>正在读取照片 {done}/{total}…</translation>
    </message>
    <message>
        <source>Comparing pairs {done} of {total}…</source>
        <translation>正在比较照片对 {done}/{total}…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s)</source>
        <translation>
            <numerusform>%Ln 张照片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln group(s)</source>
        <translation>
            <numerusform>%Ln 组</numerusform>
        </translation>
    </message>
    <message>
        <source>{copies} to clean up, {size}</source>
        <translation>待清理 {copies} 张，{size}</translation>
    </message>
    <message>
        <source>No duplicates found</source>
        <translation>未找到重复项</translation>
    </message>
    <message>
        <source>No similar shots found</source>
        <translation>未找到相似照片</translation>
    </message>
    <message>
        <source>PhotoClip looks again whenever you add photos.</source>
        <translation>每次添加照片时，PhotoClip 都会重新查找。</translation>
    </message>
    <message>
        <source>Suggested to keep: {name}, because: {reason}.</source>
        <translation>建议保留 {name}，原因：{reason}。</translation>
    </message>
    <message>
        <source>Move the other photos into</source>
        <translation>将其他照片移到</translation>
    </message>
    <message numerus="yes">
        <source>Kept {name}; moved %Ln photo(s) to the trash.</source>
        <translation>
            <numerusform>已保留 {name}；已将 %Ln 张照片移到回收站。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kept {name}; moved %Ln photo(s) to {folder}.</source>
        <translation>
            <numerusform>已保留 {name}；已将 %Ln 张照片移到 {folder}。</numerusform>
        </translation>
    </message>
    <message>
        <source>Left alone: {files}</source>
        <translation>未处理：{files}</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
</context>
<context>
    <name>Exif</name>
    <message>
        <source>Camera maker</source>
        <translation>相机制造商</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>相机</translation>
    </message>
    <message>
        <source>Lens</source>
        <translation>镜头</translation>
    </message>
    <message>
        <source>Original date</source>
        <translation>拍摄日期</translation>
    </message>
    <message>
        <source>Exposure</source>
        <translation>曝光时间</translation>
    </message>
    <message>
        <source>Aperture</source>
        <translation>光圈</translation>
    </message>
    <message>
        <source>ISO</source>
        <translation>ISO</translation>
    </message>
    <message>
        <source>Focal length</source>
        <translation>焦距</translation>
    </message>
    <message>
        <source>Flash</source>
        <translation>闪光灯</translation>
    </message>
    <message>
        <source>Software</source>
        <translation>软件</translation>
    </message>
    <message>
        <source>Artist</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Copyright</source>
        <translation>版权</translation>
    </message>
</context>
<context>
    <name>IndexStatusBar</name>
    <message>
        <source>Open Settings…</source>
        <translation>打开设置…</translation>
    </message>
    <message>
        <source>Choose another model, or a model folder on this computer</source>
        <translation>选择其他模型，或本机上的模型文件夹</translation>
    </message>
    <message>
        <source>Resume indexing (Ctrl+P)</source>
        <translation>继续索引（Ctrl+P）</translation>
    </message>
    <message>
        <source>Pause indexing (Ctrl+P)</source>
        <translation>暂停索引（Ctrl+P）</translation>
    </message>
    <message>
        <source>Opening the library…</source>
        <translation>正在打开图库…</translation>
    </message>
    <message>
        <source>Read only: another PhotoClip process is updating this library</source>
        <translation>只读：另一个 PhotoClip 进程正在更新此图库</translation>
    </message>
    <message>
        <source>Indexing stopped: {error}</source>
        <translation>索引已停止：{error}</translation>
    </message>
    <message>
        <source>Indexing paused</source>
        <translation>索引已暂停</translation>
    </message>
    <message>
        <source>Looking for new and changed photos…</source>
        <translation>正在查找新增和更改的照片…</translation>
    </message>
    <message>
        <source>Paused at {done} of {total}</source>
        <translation>已暂停于 {done}/{total}</translation>
    </message>
    <message>
        <source>Reading text {done} of {total}</source>
        <translation>正在读取文字 {done} / {total}</translation>
    </message>
    <message>
        <source>Indexing {done} of {total}</source>
        <translation>正在索引 {done}/{total}</translation>
    </message>
    <message>
        <source>{rate} photos/s</source>
        <translation>{rate} 张/秒</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>剩余 {time}</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>已是最新</translation>
    </message>
    <message>
        <source>PhotoClip watches your folders and adds new photos as they arrive.</source>
        <translation>PhotoClip 会监视你的文件夹，并在新照片出现时添加它们。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln folder(s) not found: {names}</source>
        <translation>
            <numerusform>未找到 %Ln 个文件夹：{names}</numerusform>
        </translation>
    </message>
    <message>
        <source>Is the drive connected, or was the folder renamed? Its photos are kept until you remove the folder from the library.</source>
        <translation>驱动器是否已连接，或文件夹是否已改名？在您从图库中移除该文件夹之前，其中的照片会一直保留。</translation>
    </message>
    <message numerus="yes">
        <source>Waiting for the model: %Ln photo(s) cannot be searched or tagged yet</source>
        <translation>
            <numerusform>正在等待模型：%Ln 张照片暂时无法搜索或打标签</numerusform>
        </translation>
    </message>
    <message>
        <source>Text: off</source>
        <translation>文字：关闭</translation>
    </message>
    <message>
        <source>Reading the text in photos is off (Settings &gt; General)</source>
        <translation>照片文字识别已关闭（设置 &gt; 常规）</translation>
    </message>
    <message>
        <source>Text: cannot run</source>
        <translation>文字：无法运行</translation>
    </message>
    <message>
        <source>Text: {done} of {total} read</source>
        <translation>文字：已读 {done} / {total}</translation>
    </message>
    <message>
        <source>Photos with text in them: {count}</source>
        <translation>含文字的照片：{count}</translation>
    </message>
    <message>
        <source>Model: loading…</source>
        <translation>模型：正在加载…</translation>
    </message>
    <message>
        <source>Model: ready</source>
        <translation>模型：就绪</translation>
    </message>
    <message>
        <source>Model: unavailable</source>
        <translation>模型：不可用</translation>
    </message>
    <message>
        <source>Model: downloading {percent} %</source>
        <translation>模型：正在下载 {percent}%</translation>
    </message>
    <message numerus="yes">
        <source>%Ln skipped</source>
        <translation>
            <numerusform>已跳过 %Ln 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Files PhotoClip could not read, and why</source>
        <translation>PhotoClip 无法读取的文件及原因</translation>
    </message>
</context>
<context>
    <name>KeepReason</name>
    <message>
        <source>largest resolution ({width}×{height})</source>
        <translation>分辨率最高（{width}×{height}）</translation>
    </message>
    <message>
        <source>the original, not an edited copy</source>
        <translation>是原图，而非编辑过的副本</translation>
    </message>
    <message>
        <source>least compressed (lossless)</source>
        <translation>压缩最少（无损）</translation>
    </message>
    <message>
        <source>least compressed (JPEG quality {quality})</source>
        <translation>压缩最少（JPEG 质量 {quality}）</translation>
    </message>
    <message>
        <source>least compressed (most bytes per pixel)</source>
        <translation>压缩最少（每像素字节数最多）</translation>
    </message>
    <message>
        <source>sharpest</source>
        <translation>最清晰</translation>
    </message>
    <message>
        <source>richest metadata</source>
        <translation>元数据最丰富</translation>
    </message>
    <message>
        <source>alike in every way that counts; the first by name</source>
        <translation>各重要方面都相同；按名称取第一张</translation>
    </message>
    <message>
        <source>the only readable copy</source>
        <translation>唯一可读取的副本</translation>
    </message>
    <message>
        <source>your choice</source>
        <translation>你的选择</translation>
    </message>
    <message>
        <source>; then </source>
        <translation>；其次，</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>PhotoClip – {library}</source>
        <translation>PhotoClip – {library}</translation>
    </message>
    <message>
        <source>Cannot open the library</source>
        <translation>无法打开图库</translation>
    </message>
    <message>
        <source>PhotoClip cannot open the library at {path}:

{error}

Choose another library folder in Settings.</source>
        <translation>PhotoClip 无法打开位于 {path} 的图库：

{error}

请在“设置”中选择其他图库文件夹。</translation>
    </message>
    <message>
        <source>Add a folder of photos</source>
        <translation>添加照片文件夹</translation>
    </message>
    <message>
        <source>Cannot add this folder</source>
        <translation>无法添加此文件夹</translation>
    </message>
    <message>
        <source>Remove folder</source>
        <translation>移除文件夹</translation>
    </message>
    <message>
        <source>Remove {folder} from the library?

PhotoClip forgets its photos and stops watching it. The files themselves are not touched, and your tag decisions come back if you add the folder again.</source>
        <translation>要从图库中移除 {folder} 吗？

PhotoClip 会忘记其中的照片并停止监视该文件夹。文件本身不会受到影响；如果再次添加该文件夹，你对标签所做的决定也会恢复。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Add Folder…</source>
        <translation>添加文件夹(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Export Tags to XMP Sidecars…</source>
        <translation>将标签导出到 XMP 附属文件(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Find Photos</source>
        <translation>查找照片(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Photos</source>
        <translation>照片(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation>标签(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Duplicates</source>
        <translation>重复项(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Recently Removed</source>
        <translation>最近移除(&amp;R)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Library</source>
        <translation>图库(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Pause or Resume Indexing</source>
        <translation>暂停或继续索引(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Rescan Folders</source>
        <translation>重新扫描文件夹(&amp;R)</translation>
    </message>
    <message>
        <source>S&amp;kipped Files…</source>
        <translation>跳过的文件(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Search Tips</source>
        <translation>搜索技巧(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;About PhotoClip</source>
        <translation>关于 PhotoClip(&amp;A)</translation>
    </message>
    <message>
        <source>About PhotoClip</source>
        <translation>关于 PhotoClip</translation>
    </message>
    <message>
        <source>&lt;h3&gt;PhotoClip {version}&lt;/h3&gt;&lt;p&gt;Find photos by what is in them, tag them in your own words and clean up duplicates, all on this computer.&lt;/p&gt;&lt;p&gt;Library: {library}&lt;br&gt;Model: {model}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;PhotoClip {version}&lt;/h3&gt;&lt;p&gt;按内容查找照片，用你自己的话为照片加标签，并清理重复项，一切都在这台电脑上完成。&lt;/p&gt;&lt;p&gt;图库：{library}&lt;br&gt;模型：{model}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MatchWords</name>
    <message>
        <source>A strong match for your search</source>
        <translation>与您的搜索高度匹配</translation>
    </message>
    <message>
        <source>A good match for your search</source>
        <translation>与您的搜索较为匹配</translation>
    </message>
    <message>
        <source>A weaker match: it only partly looks like your search</source>
        <translation>较弱的匹配：只有部分像您搜索的内容</translation>
    </message>
    <message>
        <source>A weaker match: it does not look like your search</source>
        <translation>较弱的匹配：不像您搜索的内容</translation>
    </message>
    <message>
        <source>clearly</source>
        <translation>明显地</translation>
    </message>
    <message>
        <source>fairly well</source>
        <translation>比较好地</translation>
    </message>
    <message>
        <source>only faintly</source>
        <translation>勉强</translation>
    </message>
    <message>
        <source>not at all</source>
        <translation>完全不</translation>
    </message>
    <message>
        <source>You confirmed this photo.</source>
        <translation>您确认了这张照片。</translation>
    </message>
    <message>
        <source>You rejected this photo.</source>
        <translation>您拒绝了这张照片。</translation>
    </message>
    <message>
        <source>This tag is a keyword only: it tags the photos you confirm.</source>
        <translation>此标签仅为关键词：只标记您确认的照片。</translation>
    </message>
    <message>
        <source>PhotoClip has not looked at this photo yet.</source>
        <translation>PhotoClip 尚未查看这张照片。</translation>
    </message>
    <message>
        <source>It matches “{line}” {how}.</source>
        <translation>它{how}符合“{line}”。</translation>
    </message>
    <message>
        <source>None of the descriptions fits it well.</source>
        <translation>没有哪条描述与它相符。</translation>
    </message>
    <message>
        <source>“{text}” describes it better.</source>
        <translation>“{text}”更能描述它。</translation>
    </message>
    <message numerus="yes">
        <source>It looks like %Ln photo(s) you confirmed.</source>
        <translation>
            <numerusform>它与您确认的 %Ln 张照片相似。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>It looks like %Ln photo(s) you rejected.</source>
        <translation>
            <numerusform>它与您拒绝的 %Ln 张照片相似。</numerusform>
        </translation>
    </message>
    <message>
        <source>The words written in it match.</source>
        <translation>照片上写的文字相符。</translation>
    </message>
    <message numerus="yes">
        <source>Your %Ln example(s) changed the decision.</source>
        <translation>
            <numerusform>您的 %Ln 个示例改变了判断。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelChoice</name>
    <message>
        <source>Default (English)</source>
        <translation>默认（英语）</translation>
    </message>
    <message>
        <source>Fast and accurate: ImageNet zero-shot 72.8 % at 11.5 GFLOPs per image; about 580 MB.</source>
        <translation>快速准确：ImageNet 零样本准确率 72.8%，每张图片 11.5 GFLOPs；约 580 MB。</translation>
    </message>
    <message>
        <source>Multilingual</source>
        <translation>多语言</translation>
    </message>
    <message>
        <source>Search and tags in Spanish, Russian, Chinese and 100 other languages; about 1.4 GB.</source>
        <translation>可用西班牙语、俄语、中文及其他 100 种语言搜索和设置标签；约 1.4 GB。</translation>
    </message>
    <message>
        <source>Multilingual, higher quality</source>
        <translation>多语言，更高质量</translation>
    </message>
    <message>
        <source>SigLIP trained on many languages; slower to index; about 1.5 GB.</source>
        <translation>在多种语言上训练的 SigLIP；索引较慢；约 1.5 GB。</translation>
    </message>
    <message>
        <source>Higher quality (English)</source>
        <translation>更高质量（英语）</translation>
    </message>
    <message>
        <source>ImageNet zero-shot 79.2 %, but about 7x slower to index than the default; 1.7 GB.</source>
        <translation>ImageNet 零样本准确率 79.2%，但索引速度比默认模型慢约 7 倍；1.7 GB。</translation>
    </message>
</context>
<context>
    <name>PhotoGrid</name>
    <message>
        <source>Weaker matches</source>
        <translation>较弱的匹配</translation>
    </message>
</context>
<context>
    <name>PhotoGridModel</name>
    <message>
        <source>Taken: {date}</source>
        <translation>拍摄时间：{date}</translation>
    </message>
    <message>
        <source>File date: {date}</source>
        <translation>文件日期：{date}</translation>
    </message>
    <message>
        <source>{width} × {height} pixels, {size}</source>
        <translation>{width} × {height} 像素，{size}</translation>
    </message>
    <message>
        <source>Folder: {folder}</source>
        <translation>文件夹：{folder}</translation>
    </message>
    <message>
        <source>Tags: {tags}</source>
        <translation>标签：{tags}</translation>
    </message>
</context>
<context>
    <name>PhotosPage</name>
    <message>
        <source>Search photos by what is in them, e.g. beach -people</source>
        <translation>按内容搜索照片，例如：海滩 -人</translation>
    </message>
    <message>
        <source>&lt;b&gt;Search by describing the photo&lt;/b&gt;&lt;br&gt;&lt;code&gt;dog on a beach&lt;/code&gt; finds photos that look like that.&lt;br&gt;&lt;code&gt;beach -people&lt;/code&gt; leaves out photos with people.&lt;br&gt;&lt;code&gt;sunset +mountains&lt;/code&gt; looks for both.&lt;br&gt;&lt;code&gt;-&quot;red car&quot;&lt;/code&gt; quotes keep several words together.&lt;br&gt;Right-click a photo and choose &lt;i&gt;More like this&lt;/i&gt; to search by example.</source>
        <translation>&lt;b&gt;描述照片来搜索&lt;/b&gt;&lt;br&gt;&lt;code&gt;海滩上的狗&lt;/code&gt; 会找到看起来像这样的照片。&lt;br&gt;&lt;code&gt;海滩 -人&lt;/code&gt; 排除有人的照片。&lt;br&gt;&lt;code&gt;日落 +山&lt;/code&gt; 同时查找两者。&lt;br&gt;&lt;code&gt;-&quot;红色汽车&quot;&lt;/code&gt; 用引号把几个词放在一起。&lt;br&gt;右键点击照片并选择&lt;i&gt;查找相似&lt;/i&gt;，即可按示例搜索。</translation>
    </message>
    <message>
        <source>Best match</source>
        <translation>最佳匹配</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>最新优先</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>最早优先</translation>
    </message>
    <message>
        <source>Order of the photos</source>
        <translation>照片顺序</translation>
    </message>
    <message>
        <source>Only photos taken between two dates (D)</source>
        <translation>只显示两个日期之间拍摄的照片 (D)</translation>
    </message>
    <message>
        <source>More like this</source>
        <translation>查找相似</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>复制路径</translation>
    </message>
    <message>
        <source>Tag…</source>
        <translation>添加标签…</translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation>标签(&amp;T)</translation>
    </message>
    <message>
        <source>No tags yet</source>
        <translation>还没有标签</translation>
    </message>
    <message>
        <source>Your search is not in English, but the current model reads English only. To search in your language, switch to the multilingual model in Settings.</source>
        <translation>您的搜索不是英文，但当前模型只能读懂英文。要用您的语言搜索，请在设置中切换到多语言模型。</translation>
    </message>
    <message>
        <source>Open Settings…</source>
        <translation>打开设置…</translation>
    </message>
    <message>
        <source>Waiting for the model to load…</source>
        <translation>正在等待模型加载…</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message numerus="yes">
        <source>No good matches; %Ln weaker match(es)</source>
        <translation>
            <numerusform>没有好的匹配；%Ln 个较弱的匹配</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln good match(es), best first</source>
        <translation>
            <numerusform>%Ln 个好的匹配，最佳的在前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln good match(es) by date</source>
        <translation>
            <numerusform>%Ln 个好的匹配，按日期排列</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln weaker match(es) below</source>
        <translation>
            <numerusform>下方有 %Ln 个较弱的匹配</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s)</source>
        <translation>
            <numerusform>%Ln 张照片</numerusform>
        </translation>
    </message>
    <message>
        <source>In {folder}</source>
        <translation>在 {folder} 中</translation>
    </message>
    <message>
        <source>Tagged {tag}</source>
        <translation>标签为 {tag}</translation>
    </message>
    <message>
        <source>Taken in this period (the file&apos;s date where the photo has none)</source>
        <translation>在此期间拍摄（照片没有拍摄日期时按文件日期）</translation>
    </message>
    <message>
        <source>Like {photos}</source>
        <translation>与 {photos} 相似</translation>
    </message>
    <message>
        <source>Searching needs the model, which is not available: {message}</source>
        <translation>搜索需要模型，但模型不可用：{message}</translation>
    </message>
    <message>
        <source>Choose a model…</source>
        <translation>选择模型…</translation>
    </message>
    <message>
        <source>Downloading the model ({done} of {total} MB); you can browse your photos meanwhile.</source>
        <translation>正在下载模型（{done}/{total} MB）；在此期间你可以浏览照片。</translation>
    </message>
    <message>
        <source>Opening your library…</source>
        <translation>正在打开你的图库…</translation>
    </message>
    <message>
        <source>Cannot search right now</source>
        <translation>现在无法搜索</translation>
    </message>
    <message>
        <source>Open Settings</source>
        <translation>打开设置</translation>
    </message>
    <message>
        <source>Add {folder}</source>
        <translation>添加 {folder}</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Welcome to PhotoClip</source>
        <translation>欢迎使用 PhotoClip</translation>
    </message>
    <message>
        <source>Add a folder of photos to get started. PhotoClip looks at each photo on this computer, so you can find it by describing it, tag it and clean up copies. Your photos never leave this computer and are never changed.</source>
        <translation>添加一个照片文件夹即可开始。PhotoClip 会在这台电脑上查看每张照片，让你可以通过描述找到照片、为照片加标签并清理副本。你的照片永远不会离开这台电脑，也不会被修改。</translation>
    </message>
    <message>
        <source>No photo matches your search well</source>
        <translation>没有照片与您的搜索很好地匹配</translation>
    </message>
    <message>
        <source>None of your photos looks much like what you asked for. Try other words, describe what is in the photo rather than where or when it was taken, or remove a filter.</source>
        <translation>您的照片都不太像您要找的内容。试试别的词，描述照片里有什么，而不是在哪里或何时拍的，或者移除筛选条件。</translation>
    </message>
    <message numerus="yes">
        <source>Show %Ln weaker match(es)</source>
        <translation>
            <numerusform>显示 %Ln 个较弱的匹配</numerusform>
        </translation>
    </message>
    <message>
        <source>No photos match</source>
        <translation>没有匹配的照片</translation>
    </message>
    <message>
        <source>Try other words, or remove a filter.</source>
        <translation>请尝试其他词语，或移除一个筛选条件。</translation>
    </message>
    <message>
        <source>No photos here yet</source>
        <translation>这里还没有照片</translation>
    </message>
    <message>
        <source>Photos appear as soon as they are indexed.</source>
        <translation>照片索引完成后会立即显示。</translation>
    </message>
    <message>
        <source>No photos yet</source>
        <translation>还没有照片</translation>
    </message>
    <message>
        <source>Photos appear here as PhotoClip finds them in your folders.</source>
        <translation>PhotoClip 在你的文件夹中找到照片后，会在这里显示。</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>From {date}</source>
        <translation>{date} 起</translation>
    </message>
    <message>
        <source>Until {date}</source>
        <translation>至 {date}</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>Previous photo (Left)</source>
        <translation>上一张（左方向键）</translation>
    </message>
    <message>
        <source>Next photo (Right)</source>
        <translation>下一张（右方向键）</translation>
    </message>
    <message>
        <source>More like this (M)</source>
        <translation>查找相似（M）</translation>
    </message>
    <message>
        <source>Open in the default viewer</source>
        <translation>用默认查看器打开</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>复制路径</translation>
    </message>
    <message>
        <source>{name} – PhotoClip</source>
        <translation>{name} – PhotoClip</translation>
    </message>
    <message>
        <source>This photo cannot be shown: {error}</source>
        <translation>无法显示此照片：{error}</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>匹配度</translation>
    </message>
    <message>
        <source>Text found</source>
        <translation>找到的文字</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>{width} × {height} pixels</source>
        <translation>{width} × {height} 像素</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>拍摄时间</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>RemovedPage</name>
    <message>
        <source>Recently removed</source>
        <translation>最近移除</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>Put the selected files back where they were</source>
        <translation>将所选文件放回原处</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Was in</source>
        <translation>原位置</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>移除时间</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>Moved to {folder}</source>
        <translation>已移到 {folder}</translation>
    </message>
    <message>
        <source>In the trash</source>
        <translation>在回收站中</translation>
    </message>
    <message>
        <source>Not in the trash any more</source>
        <translation>已不在回收站中</translation>
    </message>
    <message>
        <source>Restore it from the system trash, if it is still there</source>
        <translation>如果它还在系统回收站中，请从那里恢复</translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing removed recently</source>
        <translation>最近没有移除任何文件</translation>
    </message>
    <message>
        <source>Photos you clean up in Duplicates are listed here, so you can put them back.</source>
        <translation>在“重复项”中清理的照片会列在这里，方便您放回原处。</translation>
    </message>
    <message numerus="yes">
        <source>Put %Ln photo(s) back where they were.</source>
        <translation>
            <numerusform>已将 %Ln 张照片放回原处。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not restored: {files}</source>
        <translation>未恢复：{files}</translation>
    </message>
</context>
<context>
    <name>SearchLanguagesDialog</name>
    <message>
        <source>Welcome to PhotoClip</source>
        <translation>欢迎使用 PhotoClip</translation>
    </message>
    <message>
        <source>&lt;b&gt;Which languages will you search in?&lt;/b&gt;&lt;br&gt;PhotoClip finds photos by the words you type; the model that reads them depends on the language.</source>
        <translation>&lt;b&gt;您会用哪些语言搜索？&lt;/b&gt;&lt;br&gt;PhotoClip 根据您输入的文字查找照片；读懂这些文字的模型取决于语言。</translation>
    </message>
    <message>
        <source>Other languages</source>
        <translation>其他语言</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>PhotoClip will use the multilingual model: it reads Spanish, Russian, Chinese and about 100 other languages. It is a larger download (about 1.4 GB).</source>
        <translation>PhotoClip 将使用多语言模型：它能读懂西班牙语、俄语、中文以及约 100 种其他语言。下载量更大（约 1.4 GB）。</translation>
    </message>
    <message>
        <source>The model in use reads many languages: nothing to change.</source>
        <translation>当前模型能读懂多种语言：无需更改。</translation>
    </message>
    <message>
        <source>PhotoClip will use its default model: fast and accurate, for English.</source>
        <translation>PhotoClip 将使用默认模型：快速准确，适用于英语。</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>The model could not be loaded: {error}</source>
        <translation>无法加载模型：{error}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>The model is what understands your photos. All of them run on this computer.</source>
        <translation>模型负责理解你的照片。所有模型都在这台电脑上运行。</translation>
    </message>
    <message>
        <source>{folder} holds no open_clip_config.json: it is not an open_clip model folder.</source>
        <translation>{folder} 中没有 open_clip_config.json：它不是 open_clip 模型文件夹。</translation>
    </message>
    <message>
        <source>{folder} holds no model weights (open_clip_model.safetensors).</source>
        <translation>{folder} 中没有模型权重（open_clip_model.safetensors）。</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>A model folder on this computer</source>
        <translation>这台电脑上的模型文件夹</translation>
    </message>
    <message>
        <source>A folder with open_clip_config.json and open_clip_model.safetensors</source>
        <translation>包含 open_clip_config.json 和 open_clip_model.safetensors 的文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Without internet access, copy a model folder from another computer (it holds open_clip_config.json and open_clip_model.safetensors) and choose it here.</source>
        <translation>如果无法连接互联网，请从另一台电脑复制模型文件夹（其中包含 open_clip_config.json 和 open_clip_model.safetensors），然后在这里选择它。</translation>
    </message>
    <message>
        <source>Use the previous model again ({model})</source>
        <translation>改回之前的模型（{model}）</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>电脑</translation>
    </message>
    <message>
        <source>Automatic (a GPU if there is one)</source>
        <translation>自动（有 GPU 时使用 GPU）</translation>
    </message>
    <message>
        <source>NVIDIA GPU (CUDA)</source>
        <translation>NVIDIA GPU（CUDA）</translation>
    </message>
    <message>
        <source>Apple GPU (Metal)</source>
        <translation>Apple GPU（Metal）</translation>
    </message>
    <message>
        <source>Processor (CPU)</source>
        <translation>处理器（CPU）</translation>
    </message>
    <message>
        <source>Run the model on</source>
        <translation>运行模型的设备</translation>
    </message>
    <message>
        <source>The fastest measured on this computer</source>
        <translation>本机实测最快的格式</translation>
    </message>
    <message>
        <source>Number format</source>
        <translation>数值格式</translation>
    </message>
    <message>
        <source>Library folder</source>
        <translation>图库文件夹</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Not measured on this computer yet: the next indexing measures it. A change applies from the next start.</source>
        <translation>尚未在本机测量：下次建立索引时会测量。更改在下次启动时生效。</translation>
    </message>
    <message>
        <source>Measured: {format} is the fastest that keeps the results here ({rate} photos a second; float32 {float32}). A change applies from the next start.</source>
        <translation>实测：{format} 是本机保持结果不变的最快格式（每秒 {rate} 张照片；float32 {float32}）。更改在下次启动时生效。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>As the system ({language})</source>
        <translation>跟随系统（{language}）</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Use the multilingual model</source>
        <translation>使用多语言模型</translation>
    </message>
    <message>
        <source>Text in photos</source>
        <translation>照片中的文字</translation>
    </message>
    <message>
        <source>Read the text in photos (signs, receipts, screenshots) so that searches find their words</source>
        <translation>识别照片中的文字（招牌、收据、截图），让搜索能找到这些字词</translation>
    </message>
    <message>
        <source>Where your data lives</source>
        <translation>数据存放位置</translation>
    </message>
    <message>
        <source>Thumbnails</source>
        <translation>缩略图</translation>
    </message>
    <message>
        <source>Downloaded models</source>
        <translation>已下载的模型</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Thumbnails and models are caches: PhotoClip makes them again if they are deleted. To move the library, quit PhotoClip, move the library folder, then start PhotoClip and choose the folder&apos;s new place above.</source>
        <translation>缩略图和模型都是缓存：删除后 PhotoClip 会重新生成。要移动图库，请先退出 PhotoClip，移动图库文件夹，然后启动 PhotoClip 并在上方选择该文件夹的新位置。</translation>
    </message>
    <message>
        <source>To search and name tags in your language, choose the multilingual model: the default model reads only English.</source>
        <translation>要用你的语言搜索和命名标签，请选择多语言模型：默认模型只能理解英语。</translation>
    </message>
    <message>
        <source>Searches and tags use the new model at once: its results for your photos are kept already.</source>
        <translation>搜索和标签会立即使用新模型：它对您照片的结果已经保存。</translation>
    </message>
    <message numerus="yes">
        <source>Changing the model re-reads %Ln photo(s) with the new one; searches and tags use the new model at once, and find each photo as soon as it is re-read.</source>
        <translation>
            <numerusform>更换模型会用新模型重新读取 %Ln 张照片；搜索和标签会立即使用新模型，每张照片重新读取后即可被找到。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>At the speed this computer had with that model ({rate} photos/s) it takes about %Ln minute(s).</source>
        <translation>
            <numerusform>按这台电脑使用该模型时的速度（每秒 {rate} 张），大约需要 %Ln 分钟。</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking the model…</source>
        <translation>正在检查模型…</translation>
    </message>
    <message>
        <source>This model cannot be used now, so nothing was changed: {why}</source>
        <translation>此模型现在无法使用，因此没有做任何更改：{why}</translation>
    </message>
    <message>
        <source>Settings &gt; Model chooses another model, or a model folder on this computer.</source>
        <translation>在“设置 &gt; 模型”中可以选择其他模型，或这台电脑上的模型文件夹。</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <source>Choose the library folder</source>
        <translation>选择图库文件夹</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Library</source>
        <translation>图库</translation>
    </message>
    <message>
        <source>All photos</source>
        <translation>所有照片</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>重复项</translation>
    </message>
    <message>
        <source>Recently removed</source>
        <translation>最近移除</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Edit tags…</source>
        <translation>编辑标签…</translation>
    </message>
    <message>
        <source>Add a folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Remove the selected folder…</source>
        <translation>移除所选文件夹…</translation>
    </message>
    <message>
        <source>New tag…</source>
        <translation>新建标签…</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Not found: is the drive connected? Its photos are kept.</source>
        <translation>未找到：驱动器是否已连接？其中的照片会保留。</translation>
    </message>
    <message>
        <source>Indexing…</source>
        <translation>正在索引…</translation>
    </message>
    <message>
        <source>Up to date, watched for changes</source>
        <translation>已是最新，正在监视更改</translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s)</source>
        <translation>
            <numerusform>%Ln 张照片</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to show the photos tagged {tag}; double-click to edit the tag</source>
        <translation>单击显示标签为 {tag} 的照片；双击编辑该标签</translation>
    </message>
    <message>
        <source>Open in the file manager</source>
        <translation>在文件管理器中打开</translation>
    </message>
    <message>
        <source>Remove from the library…</source>
        <translation>从图库中移除…</translation>
    </message>
    <message>
        <source>Edit tag…</source>
        <translation>编辑标签…</translation>
    </message>
</context>
<context>
    <name>SkippedDialog</name>
    <message>
        <source>Skipped files</source>
        <translation>跳过的文件</translation>
    </message>
    <message>
        <source>PhotoClip could not read these files, so they are not in the library. They are left as they are; fix or replace one and it is indexed again.</source>
        <translation>PhotoClip 无法读取这些文件，因此它们不在图库中。这些文件保持原样；修复或替换其中一个文件后，它会被重新索引。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>TagsPage</name>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>New tag</source>
        <translation>新建标签</translation>
    </message>
    <message>
        <source>Create a tag (Ctrl+N)</source>
        <translation>创建标签（Ctrl+N）</translation>
    </message>
    <message>
        <source>e.g. Beach</source>
        <translation>例如：海滩</translation>
    </message>
    <message>
        <source>Describe it in your own words, one description per line:
a photo of a beach
sand and sea</source>
        <translation>用你自己的话描述它，每行一条描述：
一张海滩的照片
沙滩和大海</translation>
    </message>
    <message>
        <source>Optional: what it is not, one per line (a swimming pool)</source>
        <translation>可选：它不是什么，每行一条（游泳池）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Looks like</source>
        <translation>看起来像</translation>
    </message>
    <message>
        <source>But not</source>
        <translation>但不是</translation>
    </message>
    <message>
        <source>Fewer</source>
        <translation>更少</translation>
    </message>
    <message>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <source>Sensitivity: how sure PhotoClip must be before it tags a photo. The middle is a good start.</source>
        <translation>灵敏度：PhotoClip 需要多大把握才会为照片加上标签。从中间开始比较合适。</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>灵敏度</translation>
    </message>
    <message>
        <source>Delete tag…</source>
        <translation>删除标签…</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Tagged</source>
        <translation>已加标签</translation>
    </message>
    <message>
        <source>Closest untagged</source>
        <translation>最接近的未加标签照片</translation>
    </message>
    <message>
        <source>Teach it: click ✓ or ✗ on a photo, or select photos and press Y (yes) or N (no); U forgets the decision, Ctrl+Z undoes.</source>
        <translation>教它：点击照片上的 ✓ 或 ✗，或选中照片后按 Y（是）或 N（否）；按 U 忘记该判断，按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Describe a tag</source>
        <translation>描述一个标签</translation>
    </message>
    <message>
        <source>Give it a name and say in your own words what its photos look like. PhotoClip then finds them all, and keeps tagging new photos as they arrive.</source>
        <translation>给它起个名字，并用你自己的话说说它的照片是什么样子。PhotoClip 会找到所有这样的照片，并在新照片出现时继续为它们加标签。</translation>
    </message>
    <message>
        <source>Tag “{tag}”</source>
        <translation>标签“{tag}”</translation>
    </message>
    <message>
        <source>Create tag</source>
        <translation>创建标签</translation>
    </message>
    <message>
        <source>Apply changes</source>
        <translation>应用更改</translation>
    </message>
    <message>
        <source>Delete tag</source>
        <translation>删除标签</translation>
    </message>
    <message>
        <source>Delete the tag “{tag}” and your confirmations and rejections for it? Your photos are not touched.</source>
        <translation>要删除标签“{tag}”以及你为它做的确认和否定吗？你的照片不会受到影响。</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Tags {count} of {total} photos</source>
        <translation>已为 {count}/{total} 张照片加上标签</translation>
    </message>
    <message>
        <source>No photos at this sensitivity</source>
        <translation>此灵敏度下没有照片</translation>
    </message>
    <message>
        <source>Move the slider towards More, or describe the tag differently.</source>
        <translation>请将滑块移向“更多”，或换一种方式描述该标签。</translation>
    </message>
    <message>
        <source>Every photo carries this tag</source>
        <translation>所有照片都带有此标签</translation>
    </message>
</context>
<context>
    <name>XmpExport</name>
    <message>
        <source>Writing tags into XMP sidecars…</source>
        <translation>正在将标签写入 XMP 附属文件…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export tags</source>
        <translation>导出标签</translation>
    </message>
    <message>
        <source>Writing tags into XMP sidecars: {done} of {total} photos</source>
        <translation>正在将标签写入 XMP 附属文件：{total} 张中的 {done} 张</translation>
    </message>
    <message>
        <source>Sidecars written: {written}; already up to date: {unchanged}.</source>
        <translation>已写入附属文件：{written}；已是最新：{unchanged}。</translation>
    </message>
    <message>
        <source>Photos not found (an unplugged drive?): {n}</source>
        <translation>找不到的照片（驱动器未连接？）：{n}</translation>
    </message>
    <message>
        <source>Could not write: {files}</source>
        <translation>无法写入：{files}</translation>
    </message>
</context>
</TS>
