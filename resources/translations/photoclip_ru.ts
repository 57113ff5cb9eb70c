<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>Chip</name>
    <message>
        <source>Remove this filter</source>
        <translation>Убрать этот фильтр</translation>
    </message>
</context>
<context>
    <name>ConfirmResolve</name>
    <message>
        <source>Resolve duplicates</source>
        <translation>Разобрать дубликаты</translation>
    </message>
    <message>
        <source>to the system trash (you can restore them from there)</source>
        <translation>в системную корзину (оттуда их можно восстановить)</translation>
    </message>
    <message>
        <source>into the folder {folder}</source>
        <translation>в папку {folder}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Keep&lt;/b&gt; {path}</source>
        <translation>&lt;b&gt;Оставить&lt;/b&gt; {path}</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Move %Ln photo(s)&lt;/b&gt; {where}:</source>
        <translation>
            <numerusform>&lt;b&gt;Переместить %Ln фотографию&lt;/b&gt; {where}:</numerusform>
            <numerusform>&lt;b&gt;Переместить %Ln фотографии&lt;/b&gt; {where}:</numerusform>
            <numerusform>&lt;b&gt;Переместить %Ln фотографий&lt;/b&gt; {where}:</numerusform>
        </translation>
    </message>
    <message>
        <source>Their tags and keywords are carried over to the photo you keep. Nothing is deleted.</source>
        <translation>Их метки и ключевые слова переносятся на оставленную фотографию. Ничего не удаляется.</translation>
    </message>
    <message numerus="yes">
        <source>Move %Ln to trash</source>
        <translation>
            <numerusform>Переместить %Ln в корзину</numerusform>
            <numerusform>Переместить %Ln в корзину</numerusform>
            <numerusform>Переместить %Ln в корзину</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %Ln</source>
        <translation>
            <numerusform>Переместить %Ln</numerusform>
            <numerusform>Переместить %Ln</numerusform>
            <numerusform>Переместить %Ln</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DateRangeDialog</name>
    <message>
        <source>Photos taken between</source>
        <translation>Фотографии, снятые между</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;С</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>&amp;По</translation>
    </message>
</context>
<context>
    <name>DuplicateCard</name>
    <message>
        <source>Keep this one</source>
        <translation>Оставить эту</translation>
    </message>
    <message>
        <source>{width} × {height}</source>
        <translation>{width} × {height}</translation>
    </message>
    <message>
        <source>JPEG quality {quality}</source>
        <translation>Качество JPEG {quality}</translation>
    </message>
    <message>
        <source>Lossless</source>
        <translation>Без потерь</translation>
    </message>
    <message>
        <source>Looks like an edited copy</source>
        <translation>Похоже на отредактированную копию</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Оставить</translation>
    </message>
</context>
<context>
    <name>DuplicatesPage</name>
    <message>
        <source>Duplicates</source>
        <translation>Дубликаты</translation>
    </message>
    <message>
        <source>Same picture</source>
        <translation>Один и тот же снимок</translation>
    </message>
    <message>
        <source>Copies of one photo: resized, re-saved, cropped a little, turned or brightened</source>
        <translation>Копии одной фотографии: уменьшенные, пересохранённые, слегка обрезанные, повёрнутые или осветлённые</translation>
    </message>
    <message>
        <source>Similar shots</source>
        <translation>Похожие снимки</translation>
    </message>
    <message>
        <source>Different photos of the same moment, such as a burst</source>
        <translation>Разные фотографии одного момента, например серия</translation>
    </message>
    <message>
        <source>Stop looking</source>
        <translation>Остановить поиск</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>Искать снова</translation>
    </message>
    <message>
        <source>&amp;Not duplicates</source>
        <translation>&amp;Не дубликаты</translation>
    </message>
    <message>
        <source>These are different photos: never group them again</source>
        <translation>Это разные фотографии: больше никогда не группировать их</translation>
    </message>
    <message>
        <source>Move others to a &amp;folder…</source>
        <translation>Переместить остальные в &amp;папку…</translation>
    </message>
    <message>
        <source>Move others to &amp;trash…</source>
        <translation>Переместить остальные в &amp;корзину…</translation>
    </message>
    <message>
        <source>Keep the chosen photo; move the others to the trash (Delete)</source>
        <translation>Оставить выбранную фотографию, остальные переместить в корзину (Delete)</translation>
    </message>
    <message>
        <source>Find duplicates</source>
        <translation>Найти дубликаты</translation>
    </message>
    <message>
        <source>PhotoClip compares your photos and shows the copies it finds.</source>
        <translation>PhotoClip сравнивает ваши фотографии и показывает найденные копии.</translation>
    </message>
    <message>
        <source>&amp;Look for duplicates</source>
        <translation>&amp;Искать дубликаты</translation>
    </message>
    <message>
        <source>Looking for duplicates…</source>
        <translation>Поиск дубликатов…</translation>
    </message>
    <message>
        <source>Looking for similar shots…</source>
        <translation>Поиск похожих снимков…</translation>
    </message>
    <message>
        <source>PhotoClip compares photos that look alike, pixel by pixel.</source>
        <translation>PhotoClip попиксельно сравнивает похожие друг на друга фотографии.</translation>
    </message>
    <message>
        <source>Reading photos {done} of {total}…</source>
        <translation>Чтение фотографий: {done} из {total}…</translation>
    </message>
    <message>
        <source>Comparing pairs {done} of {total}…</source>
        <translation>Сравнение пар: {done} из {total}…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s)</source>
        <translation>
            <numerusform>%Ln фотография</numerusform>
            <numerusform>%Ln фотографии</numerusform>
            <numerusform>%Ln фотографий</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln group(s)</source>
        <translation>
            <numerusform>%Ln группа</numerusform>
            <numerusform>%Ln группы</numerusform>
            <numerusform>%Ln групп</numerusform>
        </translation>
    </message>
    <message>
        <source>{copies} to clean up, {size}</source>
        <translation>лишних копий: {copies}, {size}</translation>
    </message>
    <message>
        <source>No duplicates found</source>
        <translation>Дубликаты не найдены</translation>
    </message>
    <message>
        <source>No similar shots found</source>
        <translation>Похожие снимки не найдены</translation>
    </message>
    <message>
        <source>PhotoClip looks again whenever you add photos.</source>
        <translation>PhotoClip ищет снова каждый раз, когда вы добавляете фотографии.</translation>
    </message>
    <message>
        <source>Suggested to keep: {name}, because: {reason}.</source>
        <translation>Предлагается оставить {name}: {reason}.</translation>
    </message>
    <message>
        <source>Move the other photos into</source>
        <translation>Переместить остальные фотографии в</translation>
    </message>
    <message numerus="yes">
        <source>Kept {name}; moved %Ln photo(s) to the trash.</source>
        <translation>
            <numerusform>Оставлен файл {name}; %Ln фотография перемещена в корзину.</numerusform>
            <numerusform>Оставлен файл {name}; %Ln фотографии перемещены в корзину.</numerusform>
            <numerusform>Оставлен файл {name}; %Ln фотографий перемещено в корзину.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kept {name}; moved %Ln photo(s) to {folder}.</source>
        <translation>
            <numerusform>Оставлен файл {name}; %Ln фотография перемещена в {folder}.</numerusform>
            <numerusform>Оставлен файл {name}; %Ln фотографии перемещены в {folder}.</numerusform>
            <numerusform>Оставлен файл {name}; %Ln фотографий перемещено в {folder}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Left alone: {files}</source>
        <translation>Не тронуты: {files}</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
</context>
<context>
    <name>Exif</name>
    <message>
        <source>Camera maker</source>
        <translation>Производитель камеры</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Камера</translation>
    </message>
    <message>
        <source>Lens</source>
        <translation>Объектив</translation>
    </message>
    <message>
        <source>Original date</source>
        <translation>Дата съёмки</translation>
    </message>
    <message>
        <source>Exposure</source>
        <translation>Выдержка</translation>
    </message>
    <message>
        <source>Aperture</source>
        <translation>Диафрагма</translation>
    </message>
    <message>
        <source>ISO</source>
        <translation>ISO</translation>
    </message>
    <message>
        <source>Focal length</source>
        <translation>Фокусное расстояние</translation>
    </message>
    <message>
        <source>Flash</source>
        <translation>Вспышка</translation>
    </message>
    <message>
        <source>Software</source>
        <translation>Программа</translation>
    </message>
    <message>
        <source>Artist</source>
        <translation>Автор</translation>
    </message>
    <message>
        <source>Copyright</source>
        <translation>Авторские права</translation>
    </message>
</context>
<context>
    <name>IndexStatusBar</name>
    <message>
        <source>Open Settings…</source>
        <translation>Открыть настройки…</translation>
    </message>
    <message>
        <source>Choose another model, or a model folder on this computer</source>
        <translation>Выбрать другую модель или папку с моделью на этом компьютере</translation>
    </message>
    <message>
        <source>Resume indexing (Ctrl+P)</source>
        <translation>Продолжить индексацию (Ctrl+P)</translation>
    </message>
    <message>
        <source>Pause indexing (Ctrl+P)</source>
        <translation>Приостановить индексацию (Ctrl+P)</translation>
    </message>
    <message>
        <source>Opening the library…</source>
        <translation>Открытие библиотеки…</translation>
    </message>
    <message>
        <source>Read only: another PhotoClip process is updating this library</source>
        <translation>Только чтение: эту библиотеку обновляет другой процесс PhotoClip</translation>
    </message>
    <message>
        <source>Indexing stopped: {error}</source>
        <translation>Индексация остановлена: {error}</translation>
    </message>
    <message>
        <source>Indexing paused</source>
        <translation>Индексация приостановлена</translation>
    </message>
    <message>
        <source>Looking for new and changed photos…</source>
        <translation>Поиск новых и изменённых фотографий…</translation>
    </message>
    <message>
        <source>Paused at {done} of {total}</source>
        <translation>Приостановлено на {done} из {total}</translation>
    </message>
    <message>
        <source>Reading text {done} of {total}</source>
        <translation>Чтение текста: {done} из {total}</translation>
    </message>
    <message>
        <source>Indexing {done} of {total}</source>
        <translation>Индексация: {done} из {total}</translation>
    </message>
    <message>
        <source>{rate} photos/s</source>
        <translation>{rate} фото/с</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>осталось {time}</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>Всё актуально</translation>
    </message>
    <message>
        <source>PhotoClip watches your folders and adds new photos as they arrive.</source>
        <translation>PhotoClip следит за вашими папками и добавляет новые фотографии по мере их появления.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln folder(s) not found: {names}</source>
        <translation>
            <numerusform>Не найдена %Ln папка: {names}</numerusform>
            <numerusform>Не найдены %Ln папки: {names}</numerusform>
            <numerusform>Не найдено %Ln папок: {names}</numerusform>
        </translation>
    </message>
    <message>
        <source>Is the drive connected, or was the folder renamed? Its photos are kept until you remove the folder from the library.</source>
        <translation>Подключён ли диск, не переименована ли папка? Её фотографии сохраняются, пока вы не удалите папку из библиотеки.</translation>
    </message>
    <message numerus="yes">
        <source>Waiting for the model: %Ln photo(s) cannot be searched or tagged yet</source>
        <translation>
            <numerusform>Ожидание модели: поиск и метки пока не видят %Ln фотографию</numerusform>
            <numerusform>Ожидание модели: поиск и метки пока не видят %Ln фотографии</numerusform>
            <numerusform>Ожидание модели: поиск и метки пока не видят %Ln фотографий</numerusform>
        </translation>
    </message>
    <message>
        <source>Text: off</source>
        <translation>Текст: выкл.</translation>
    </message>
    <message>
        <source>Reading the text in photos is off (Settings &gt; General)</source>
        <translation>Чтение текста на фотографиях выключено (Настройки &gt; Общие)</translation>
    </message>
    <message>
        <source>Text: cannot run</source>
        <translation>Текст: не работает</translation>
    </message>
    <message>
        <source>Text: {done} of {total} read</source>
        <translation>Текст: прочитано {done} из {total}</translation>
    </message>
    <message>
        <source>Photos with text in them: {count}</source>
        <translation>Фотографий с текстом: {count}</translation>
    </message>
    <message>
        <source>Model: loading…</source>
        <translation>Модель: загрузка…</translation>
    </message>
    <message>
        <source>Model: ready</source>
        <translation>Модель: готова</translation>
    </message>
    <message>
        <source>Model: unavailable</source>
        <translation>Модель: недоступна</translation>
    </message>
    <message>
        <source>Model: downloading {percent} %</source>
        <translation>Модель: скачивание {percent} %</translation>
    </message>
    <message numerus="yes">
        <source>%Ln skipped</source>
        <translation>
            <numerusform>Пропущено: %Ln</numerusform>
            <numerusform>Пропущено: %Ln</numerusform>
            <numerusform>Пропущено: %Ln</numerusform>
        </translation>
    </message>
    <message>
        <source>Files PhotoClip could not read, and why</source>
        <translation>Файлы, которые PhotoClip не смог прочитать, и причины</translation>
    </message>
</context>
<context>
    <name>KeepReason</name>
    <message>
        <source>largest resolution ({width}×{height})</source>
        <translation>наибольшее разрешение ({width}×{height})</translation>
    </message>
    <message>
        <source>the original, not an edited copy</source>
        <translation>оригинал, а не отредактированная копия</translation>
    </message>
    <message>
        <source>least compressed (lossless)</source>
        <translation>наименьшее сжатие (без потерь)</translation>
    </message>
    <message>
        <source>least compressed (JPEG quality {quality})</source>
        <translation>наименьшее сжатие (качество JPEG {quality})</translation>
    </message>
    <message>
        <source>least compressed (most bytes per pixel)</source>
        <translation>наименьшее сжатие (больше всего байт на пиксель)</translation>
    </message>
    <message>
        <source>sharpest</source>
        <translation>самая резкая</translation>
    </message>
    <message>
        <source>richest metadata</source>
        <translation>самые полные метаданные</translation>
    </message>
    <message>
        <source>alike in every way that counts; the first by name</source>
        <translation>одинаковы во всём важном; первая по имени</translation>
    </message>
    <message>
        <source>the only readable copy</source>
        <translation>единственная читаемая копия</translation>
    </message>
    <message>
        <source>your choice</source>
        <translation>ваш выбор</translation>
    </message>
    <message>
        <source>; then </source>
        <translation>; затем </translation>
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
        <translation>Не удаётся открыть библиотеку</translation>
    </message>
    <message>
        <source>PhotoClip cannot open the library at {path}:

{error}

Choose another library folder in Settings.</source>
        <translation>PhotoClip не может открыть библиотеку в {path}:

{error}

Выберите другую папку библиотеки в настройках.</translation>
    </message>
    <message>
        <source>Add a folder of photos</source>
        <translation>Добавить папку с фотографиями</translation>
    </message>
    <message>
        <source>Cannot add this folder</source>
        <translation>Не удаётся добавить эту папку</translation>
    </message>
    <message>
        <source>Remove folder</source>
        <translation>Убрать папку</translation>
    </message>
    <message>
        <source>Remove {folder} from the library?

PhotoClip forgets its photos and stops watching it. The files themselves are not touched, and your tag decisions come back if you add the folder again.</source>
        <translation>Убрать {folder} из библиотеки?

PhotoClip забудет её фотографии и перестанет следить за ней. Сами файлы не затрагиваются, а ваши решения по меткам вернутся, если снова добавить папку.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Add Folder…</source>
        <translation>&amp;Добавить папку…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <source>&amp;Export Tags to XMP Sidecars…</source>
        <translation>&amp;Экспорт меток в файлы XMP…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Find Photos</source>
        <translation>&amp;Найти фотографии</translation>
    </message>
    <message>
        <source>&amp;Photos</source>
        <translation>&amp;Фотографии</translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation>&amp;Метки</translation>
    </message>
    <message>
        <source>&amp;Duplicates</source>
        <translation>&amp;Дубликаты</translation>
    </message>
    <message>
        <source>&amp;Recently Removed</source>
        <translation>&amp;Недавно удалённые</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>&amp;Увеличить</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Уменьш&amp;ить</translation>
    </message>
    <message>
        <source>&amp;Library</source>
        <translation>&amp;Библиотека</translation>
    </message>
    <message>
        <source>&amp;Pause or Resume Indexing</source>
        <translation>Приостановить или &amp;возобновить индексацию</translation>
    </message>
    <message>
        <source>&amp;Rescan Folders</source>
        <translation>&amp;Проверить папки заново</translation>
    </message>
    <message>
        <source>S&amp;kipped Files…</source>
        <translation>Пропущенные &amp;файлы…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;Search Tips</source>
        <translation>&amp;Советы по поиску</translation>
    </message>
    <message>
        <source>&amp;About PhotoClip</source>
        <translation>&amp;О программе PhotoClip</translation>
    </message>
    <message>
        <source>About PhotoClip</source>
        <translation>О программе PhotoClip</translation>
    </message>
    <message>
        <source>&lt;h3&gt;PhotoClip {version}&lt;/h3&gt;&lt;p&gt;Find photos by what is in them, tag them in your own words and clean up duplicates, all on this computer.&lt;/p&gt;&lt;p&gt;Library: {library}&lt;br&gt;Model: {model}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;PhotoClip {version}&lt;/h3&gt;&lt;p&gt;Находите фотографии по тому, что на них изображено, отмечайте их метками своими словами и убирайте дубликаты — всё на этом компьютере.&lt;/p&gt;&lt;p&gt;Библиотека: {library}&lt;br&gt;Модель: {model}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MatchWords</name>
    <message>
        <source>A strong match for your search</source>
        <translation>Точно соответствует вашему запросу</translation>
    </message>
    <message>
        <source>A good match for your search</source>
        <translation>Хорошо соответствует вашему запросу</translation>
    </message>
    <message>
        <source>A weaker match: it only partly looks like your search</source>
        <translation>Более слабое совпадение: лишь отчасти похоже на ваш запрос</translation>
    </message>
    <message>
        <source>A weaker match: it does not look like your search</source>
        <translation>Более слабое совпадение: не похоже на ваш запрос</translation>
    </message>
    <message>
        <source>clearly</source>
        <translation>явно</translation>
    </message>
    <message>
        <source>fairly well</source>
        <translation>довольно хорошо</translation>
    </message>
    <message>
        <source>only faintly</source>
        <translation>едва</translation>
    </message>
    <message>
        <source>not at all</source>
        <translation>совсем не</translation>
    </message>
    <message>
        <source>You confirmed this photo.</source>
        <translation>Вы подтвердили эту фотографию.</translation>
    </message>
    <message>
        <source>You rejected this photo.</source>
        <translation>Вы отклонили эту фотографию.</translation>
    </message>
    <message>
        <source>This tag is a keyword only: it tags the photos you confirm.</source>
        <translation>Эта метка — только ключевое слово: она ставится на фотографии, которые вы подтвердили.</translation>
    </message>
    <message>
        <source>PhotoClip has not looked at this photo yet.</source>
        <translation>PhotoClip ещё не просмотрел эту фотографию.</translation>
    </message>
    <message>
        <source>It matches “{line}” {how}.</source>
        <translation>Соответствует «{line}»: {how}.</translation>
    </message>
    <message>
        <source>None of the descriptions fits it well.</source>
        <translation>Ни одно из описаний ей не подходит.</translation>
    </message>
    <message>
        <source>“{text}” describes it better.</source>
        <translation>«{text}» описывает её лучше.</translation>
    </message>
    <message numerus="yes">
        <source>It looks like %Ln photo(s) you confirmed.</source>
        <translation>
            <numerusform>Похожа на %Ln фотографию, которую вы подтвердили.</numerusform>
            <numerusform>Похожа на %Ln фотографии, которые вы подтвердили.</numerusform>
            <numerusform>Похожа на %Ln фотографий, которые вы подтвердили.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>It looks like %Ln photo(s) you rejected.</source>
        <translation>
            <numerusform>Похожа на %Ln фотографию, которую вы отклонили.</numerusform>
            <numerusform>Похожа на %Ln фотографии, которые вы отклонили.</numerusform>
            <numerusform>Похожа на %Ln фотографий, которые вы отклонили.</numerusform>
        </translation>
    </message>
    <message>
        <source>The words written in it match.</source>
        <translation>Слова, написанные на ней, совпадают.</translation>
    </message>
    <message numerus="yes">
        <source>Your %Ln example(s) changed the decision.</source>
        <translation>
            <numerusform>Ваш %Ln пример изменил решение.</numerusform>
            <numerusform>Ваши %Ln примера изменили решение.</numerusform>
            <numerusform>Ваши %Ln примеров изменили решение.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelChoice</name>
    <message>
        <source>Default (English)</source>
        <translation>По умолчанию (английский)</translation>
    </message>
    <message>
        <source>Fast and accurate: ImageNet zero-shot 72.8 % at 11.5 GFLOPs per image; about 580 MB.</source>
        <translation>Быстрая и точная: 72,8 % в ImageNet zero-shot при 11,5 GFLOPs на изображение; около 580 МБ.</translation>
    </message>
    <message>
        <source>Multilingual</source>
        <translation>Многоязычная</translation>
    </message>
    <message>
        <source>Search and tags in Spanish, Russian, Chinese and 100 other languages; about 1.4 GB.</source>
        <translation>Поиск и метки на испанском, русском, китайском и ещё 100 языках; около 1,4 ГБ.</translation>
    </message>
    <message>
        <source>Multilingual, higher quality</source>
        <translation>Многоязычная, более высокое качество</translation>
    </message>
    <message>
        <source>SigLIP trained on many languages; slower to index; about 1.5 GB.</source>
        <translation>SigLIP, обученная на многих языках; индексирует медленнее; около 1,5 ГБ.</translation>
    </message>
    <message>
        <source>Higher quality (English)</source>
        <translation>Более высокое качество (английский)</translation>
    </message>
    <message>
        <source>ImageNet zero-shot 79.2 %, but about 7x slower to index than the default; 1.7 GB.</source>
        <translation>79,2 % в ImageNet zero-shot, но индексирует примерно в 7 раз медленнее модели по умолчанию; 1,7 ГБ.</translation>
    </message>
</context>
<context>
    <name>PhotoGrid</name>
    <message>
        <source>Weaker matches</source>
        <translation>Более слабые совпадения</translation>
    </message>
</context>
<context>
    <name>PhotoGridModel</name>
    <message>
        <source>Taken: {date}</source>
        <translation>Снято: {date}</translation>
    </message>
    <message>
        <source>File date: {date}</source>
        <translation>Дата файла: {date}</translation>
    </message>
    <message>
        <source>{width} × {height} pixels, {size}</source>
        <translation>{width} × {height} пикс., {size}</translation>
    </message>
    <message>
        <source>Folder: {folder}</source>
        <translation>Папка: {folder}</translation>
    </message>
    <message>
        <source>Tags: {tags}</source>
        <translation>Метки: {tags}</translation>
    </message>
</context>
<context>
    <name>PhotosPage</name>
    <message>
        <source>Search photos by what is in them, e.g. beach -people</source>
        <translation>Ищите фотографии по содержимому, например: пляж -люди</translation>
    </message>
    <message>
        <source>&lt;b&gt;Search by describing the photo&lt;/b&gt;&lt;br&gt;&lt;code&gt;dog on a beach&lt;/code&gt; finds photos that look like that.&lt;br&gt;&lt;code&gt;beach -people&lt;/code&gt; leaves out photos with people.&lt;br&gt;&lt;code&gt;sunset +mountains&lt;/code&gt; looks for both.&lt;br&gt;&lt;code&gt;-&quot;red car&quot;&lt;/code&gt; quotes keep several words together.&lt;br&gt;Right-click a photo and choose &lt;i&gt;More like this&lt;/i&gt; to search by example.</source>
        <translation>&lt;b&gt;Ищите, описывая фотографию&lt;/b&gt;&lt;br&gt;&lt;code&gt;собака на пляже&lt;/code&gt; находит похожие на это фотографии.&lt;br&gt;&lt;code&gt;пляж -люди&lt;/code&gt; исключает фотографии с людьми.&lt;br&gt;&lt;code&gt;закат +горы&lt;/code&gt; ищет и то и другое.&lt;br&gt;&lt;code&gt;-&quot;красная машина&quot;&lt;/code&gt; кавычки объединяют несколько слов.&lt;br&gt;Щёлкните фотографию правой кнопкой и выберите &lt;i&gt;Найти похожие&lt;/i&gt;, чтобы искать по образцу.</translation>
    </message>
    <message>
        <source>Best match</source>
        <translation>Лучшее совпадение</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Сначала новые</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>Сначала старые</translation>
    </message>
    <message>
        <source>Order of the photos</source>
        <translation>Порядок фотографий</translation>
    </message>
    <message>
        <source>Only photos taken between two dates (D)</source>
        <translation>Только фотографии, снятые между двумя датами (D)</translation>
    </message>
    <message>
        <source>More like this</source>
        <translation>Найти похожие</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>Копировать путь</translation>
    </message>
    <message>
        <source>Tag…</source>
        <translation>Пометить…</translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation>&amp;Метки</translation>
    </message>
    <message>
        <source>No tags yet</source>
        <translation>Меток пока нет</translation>
    </message>
    <message>
        <source>Your search is not in English, but the current model reads English only. To search in your language, switch to the multilingual model in Settings.</source>
        <translation>Ваш запрос не на английском, а текущая модель понимает только английский. Чтобы искать на своём языке, выберите многоязычную модель в настройках.</translation>
    </message>
    <message>
        <source>Open Settings…</source>
        <translation>Открыть настройки…</translation>
    </message>
    <message>
        <source>Waiting for the model to load…</source>
        <translation>Ожидание загрузки модели…</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Поиск…</translation>
    </message>
    <message numerus="yes">
        <source>No good matches; %Ln weaker match(es)</source>
        <translation>
            <numerusform>Хороших совпадений нет; %Ln более слабое</numerusform>
            <numerusform>Хороших совпадений нет; %Ln более слабых</numerusform>
            <numerusform>Хороших совпадений нет; %Ln более слабых</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln good match(es), best first</source>
        <translation>
            <numerusform>%Ln хорошее совпадение, сначала лучшие</numerusform>
            <numerusform>%Ln хороших совпадения, сначала лучшие</numerusform>
            <numerusform>%Ln хороших совпадений, сначала лучшие</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln good match(es) by date</source>
        <translation>
            <numerusform>%Ln хорошее совпадение по дате</numerusform>
            <numerusform>%Ln хороших совпадения по дате</numerusform>
            <numerusform>%Ln хороших совпадений по дате</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln weaker match(es) below</source>
        <translation>
            <numerusform>ниже %Ln более слабое</numerusform>
            <numerusform>ниже %Ln более слабых</numerusform>
            <numerusform>ниже %Ln более слабых</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s)</source>
        <translation>
            <numerusform>%Ln фотография</numerusform>
            <numerusform>%Ln фотографии</numerusform>
            <numerusform>%Ln фотографий</numerusform>
        </translation>
    </message>
    <message>
        <source>In {folder}</source>
        <translation>В папке {folder}</translation>
    </message>
    <message>
        <source>Tagged {tag}</source>
        <translation>С меткой {tag}</translation>
    </message>
    <message>
        <source>Taken in this period (the file&apos;s date where the photo has none)</source>
        <translation>Сняты в этот период (дата файла, если у фотографии её нет)</translation>
    </message>
    <message>
        <source>Like {photos}</source>
        <translation>Похожие на {photos}</translation>
    </message>
    <message>
        <source>Searching needs the model, which is not available: {message}</source>
        <translation>Для поиска нужна модель, но она недоступна: {message}</translation>
    </message>
    <message>
        <source>Choose a model…</source>
        <translation>Выбрать модель…</translation>
    </message>
    <message>
        <source>Downloading the model ({done} of {total} MB); you can browse your photos meanwhile.</source>
        <translation>Скачивание модели ({done} из {total} МБ); тем временем можно просматривать фотографии.</translation>
    </message>
    <message>
        <source>Opening your library…</source>
        <translation>Открытие библиотеки…</translation>
    </message>
    <message>
        <source>Cannot search right now</source>
        <translation>Сейчас искать нельзя</translation>
    </message>
    <message>
        <source>Open Settings</source>
        <translation>Открыть настройки</translation>
    </message>
    <message>
        <source>Add {folder}</source>
        <translation>Добавить {folder}</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>Выбрать папку…</translation>
    </message>
    <message>
        <source>Welcome to PhotoClip</source>
        <translation>Добро пожаловать в PhotoClip</translation>
    </message>
    <message>
        <source>Add a folder of photos to get started. PhotoClip looks at each photo on this computer, so you can find it by describing it, tag it and clean up copies. Your photos never leave this computer and are never changed.</source>
        <translation>Чтобы начать, добавьте папку с фотографиями. PhotoClip просматривает каждую фотографию на этом компьютере, чтобы вы могли найти её по описанию, отметить меткой и убрать копии. Ваши фотографии никогда не покидают этот компьютер и никогда не изменяются.</translation>
    </message>
    <message>
        <source>No photo matches your search well</source>
        <translation>Ни одна фотография не подходит к запросу</translation>
    </message>
    <message>
        <source>None of your photos looks much like what you asked for. Try other words, describe what is in the photo rather than where or when it was taken, or remove a filter.</source>
        <translation>Ни одна из ваших фотографий не похожа на то, что вы ищете. Попробуйте другие слова, опишите, что изображено на фотографии, а не где и когда она снята, или уберите фильтр.</translation>
    </message>
    <message numerus="yes">
        <source>Show %Ln weaker match(es)</source>
        <translation>
            <numerusform>Показать %Ln более слабое совпадение</numerusform>
            <numerusform>Показать %Ln более слабых совпадения</numerusform>
            <numerusform>Показать %Ln более слабых совпадений</numerusform>
        </translation>
    </message>
    <message>
        <source>No photos match</source>
        <translation>Нет подходящих фотографий</translation>
    </message>
    <message>
        <source>Try other words, or remove a filter.</source>
        <translation>Попробуйте другие слова или уберите фильтр.</translation>
    </message>
    <message>
        <source>No photos here yet</source>
        <translation>Здесь пока нет фотографий</translation>
    </message>
    <message>
        <source>Photos appear as soon as they are indexed.</source>
        <translation>Фотографии появятся сразу после индексации.</translation>
    </message>
    <message>
        <source>No photos yet</source>
        <translation>Фотографий пока нет</translation>
    </message>
    <message>
        <source>Photos appear here as PhotoClip finds them in your folders.</source>
        <translation>Фотографии появляются здесь по мере того, как PhotoClip находит их в ваших папках.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Просмотр</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Показать в папке</translation>
    </message>
    <message>
        <source>From {date}</source>
        <translation>С {date}</translation>
    </message>
    <message>
        <source>Until {date}</source>
        <translation>По {date}</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>Previous photo (Left)</source>
        <translation>Предыдущая фотография (стрелка влево)</translation>
    </message>
    <message>
        <source>Next photo (Right)</source>
        <translation>Следующая фотография (стрелка вправо)</translation>
    </message>
    <message>
        <source>More like this (M)</source>
        <translation>Найти похожие (M)</translation>
    </message>
    <message>
        <source>Open in the default viewer</source>
        <translation>Открыть в программе просмотра по умолчанию</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Показать в папке</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>Копировать путь</translation>
    </message>
    <message>
        <source>{name} – PhotoClip</source>
        <translation>{name} – PhotoClip</translation>
    </message>
    <message>
        <source>This photo cannot be shown: {error}</source>
        <translation>Эту фотографию нельзя показать: {error}</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Папка</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Сходство</translation>
    </message>
    <message>
        <source>Text found</source>
        <translation>Найденный текст</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>{width} × {height} pixels</source>
        <translation>{width} × {height} пикс.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Снято</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Изменено</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Метки</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Нет</translation>
    </message>
</context>
<context>
    <name>RemovedPage</name>
    <message>
        <source>Recently removed</source>
        <translation>Недавно удалённые</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Восстановить</translation>
    </message>
    <message>
        <source>Put the selected files back where they were</source>
        <translation>Вернуть выбранные файлы на прежнее место</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Фотография</translation>
    </message>
    <message>
        <source>Was in</source>
        <translation>Была в</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Удалена</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Сейчас</translation>
    </message>
    <message>
        <source>Moved to {folder}</source>
        <translation>Перемещена в {folder}</translation>
    </message>
    <message>
        <source>In the trash</source>
        <translation>В корзине</translation>
    </message>
    <message>
        <source>Not in the trash any more</source>
        <translation>Больше нет в корзине</translation>
    </message>
    <message>
        <source>Restore it from the system trash, if it is still there</source>
        <translation>Восстановите её из системной корзины, если она ещё там</translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln файл</numerusform>
            <numerusform>%Ln файла</numerusform>
            <numerusform>%Ln файлов</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing removed recently</source>
        <translation>Ничего не удалялось</translation>
    </message>
    <message>
        <source>Photos you clean up in Duplicates are listed here, so you can put them back.</source>
        <translation>Фотографии, убранные в разделе «Дубликаты», появляются здесь, чтобы их можно было вернуть.</translation>
    </message>
    <message numerus="yes">
        <source>Put %Ln photo(s) back where they were.</source>
        <translation>
            <numerusform>%Ln фотография возвращена на место.</numerusform>
            <numerusform>%Ln фотографии возвращены на место.</numerusform>
            <numerusform>%Ln фотографий возвращено на место.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not restored: {files}</source>
        <translation>Не восстановлены: {files}</translation>
    </message>
</context>
<context>
    <name>SearchLanguagesDialog</name>
    <message>
        <source>Welcome to PhotoClip</source>
        <translation>Добро пожаловать в PhotoClip</translation>
    </message>
    <message>
        <source>&lt;b&gt;Which languages will you search in?&lt;/b&gt;&lt;br&gt;PhotoClip finds photos by the words you type; the model that reads them depends on the language.</source>
        <translation>&lt;b&gt;На каких языках вы будете искать?&lt;/b&gt;&lt;br&gt;PhotoClip находит фотографии по словам, которые вы вводите; какая модель их прочтёт, зависит от языка.</translation>
    </message>
    <message>
        <source>Other languages</source>
        <translation>Другие языки</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Продолжить</translation>
    </message>
    <message>
        <source>PhotoClip will use the multilingual model: it reads Spanish, Russian, Chinese and about 100 other languages. It is a larger download (about 1.4 GB).</source>
        <translation>PhotoClip будет использовать многоязычную модель: она понимает испанский, русский, китайский и ещё около 100 языков. Её загрузка больше (около 1,4 GB).</translation>
    </message>
    <message>
        <source>The model in use reads many languages: nothing to change.</source>
        <translation>Текущая модель понимает много языков: ничего менять не нужно.</translation>
    </message>
    <message>
        <source>PhotoClip will use its default model: fast and accurate, for English.</source>
        <translation>PhotoClip будет использовать модель по умолчанию: быструю и точную, для английского.</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>The model could not be loaded: {error}</source>
        <translation>Не удалось загрузить модель: {error}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <source>The model is what understands your photos. All of them run on this computer.</source>
        <translation>Модель — это то, что понимает ваши фотографии. Все модели работают на этом компьютере.</translation>
    </message>
    <message>
        <source>{folder} holds no open_clip_config.json: it is not an open_clip model folder.</source>
        <translation>В {folder} нет open_clip_config.json: это не папка модели open_clip.</translation>
    </message>
    <message>
        <source>{folder} holds no model weights (open_clip_model.safetensors).</source>
        <translation>В {folder} нет весов модели (open_clip_model.safetensors).</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Другая</translation>
    </message>
    <message>
        <source>A model folder on this computer</source>
        <translation>Папка с моделью на этом компьютере</translation>
    </message>
    <message>
        <source>A folder with open_clip_config.json and open_clip_model.safetensors</source>
        <translation>Папка с файлами open_clip_config.json и open_clip_model.safetensors</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <source>Without internet access, copy a model folder from another computer (it holds open_clip_config.json and open_clip_model.safetensors) and choose it here.</source>
        <translation>Без доступа к интернету скопируйте папку с моделью с другого компьютера (в ней лежат open_clip_config.json и open_clip_model.safetensors) и выберите её здесь.</translation>
    </message>
    <message>
        <source>Use the previous model again ({model})</source>
        <translation>Вернуть прежнюю модель ({model})</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Компьютер</translation>
    </message>
    <message>
        <source>Automatic (a GPU if there is one)</source>
        <translation>Автоматически (GPU, если есть)</translation>
    </message>
    <message>
        <source>NVIDIA GPU (CUDA)</source>
        <translation>GPU NVIDIA (CUDA)</translation>
    </message>
    <message>
        <source>Apple GPU (Metal)</source>
        <translation>GPU Apple (Metal)</translation>
    </message>
    <message>
        <source>Processor (CPU)</source>
        <translation>Процессор (CPU)</translation>
    </message>
    <message>
        <source>Run the model on</source>
        <translation>Запускать модель на</translation>
    </message>
    <message>
        <source>The fastest measured on this computer</source>
        <translation>Самый быстрый по замерам на этом компьютере</translation>
    </message>
    <message>
        <source>Number format</source>
        <translation>Формат чисел</translation>
    </message>
    <message>
        <source>Library folder</source>
        <translation>Папка библиотеки</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Общие</translation>
    </message>
    <message>
        <source>Not measured on this computer yet: the next indexing measures it. A change applies from the next start.</source>
        <translation>На этом компьютере ещё не измерено: следующая индексация измерит. Изменение действует со следующего запуска.</translation>
    </message>
    <message>
        <source>Measured: {format} is the fastest that keeps the results here ({rate} photos a second; float32 {float32}). A change applies from the next start.</source>
        <translation>Измерено: {format} — самый быстрый формат, сохраняющий результаты ({rate} фото в секунду; float32 {float32}). Изменение действует со следующего запуска.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>As the system ({language})</source>
        <translation>Как в системе ({language})</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Язык интерфейса</translation>
    </message>
    <message>
        <source>Use the multilingual model</source>
        <translation>Использовать многоязычную модель</translation>
    </message>
    <message>
        <source>Text in photos</source>
        <translation>Текст на фотографиях</translation>
    </message>
    <message>
        <source>Read the text in photos (signs, receipts, screenshots) so that searches find their words</source>
        <translation>Читать текст на фотографиях (вывески, чеки, снимки экрана), чтобы поиск находил их слова</translation>
    </message>
    <message>
        <source>Where your data lives</source>
        <translation>Где хранятся ваши данные</translation>
    </message>
    <message>
        <source>Thumbnails</source>
        <translation>Миниатюры</translation>
    </message>
    <message>
        <source>Downloaded models</source>
        <translation>Скачанные модели</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <source>Thumbnails and models are caches: PhotoClip makes them again if they are deleted. To move the library, quit PhotoClip, move the library folder, then start PhotoClip and choose the folder&apos;s new place above.</source>
        <translation>Миниатюры и модели — это кэш: если их удалить, PhotoClip создаст их заново. Чтобы перенести библиотеку, закройте PhotoClip, переместите папку библиотеки, затем запустите PhotoClip и укажите выше её новое расположение.</translation>
    </message>
    <message>
        <source>To search and name tags in your language, choose the multilingual model: the default model reads only English.</source>
        <translation>Чтобы искать и называть метки на вашем языке, выберите многоязычную модель: модель по умолчанию понимает только английский.</translation>
    </message>
    <message>
        <source>Searches and tags use the new model at once: its results for your photos are kept already.</source>
        <translation>Поиск и метки сразу используют новую модель: её результаты для ваших фотографий уже сохранены.</translation>
    </message>
    <message numerus="yes">
        <source>Changing the model re-reads %Ln photo(s) with the new one; searches and tags use the new model at once, and find each photo as soon as it is re-read.</source>
        <translation>
            <numerusform>При смене модели %Ln фотография будет перечитана новой моделью; поиск и метки сразу используют новую модель и находят каждую фотографию, как только она перечитана.</numerusform>
            <numerusform>При смене модели %Ln фотографии будут перечитаны новой моделью; поиск и метки сразу используют новую модель и находят каждую фотографию, как только она перечитана.</numerusform>
            <numerusform>При смене модели %Ln фотографий будут перечитаны новой моделью; поиск и метки сразу используют новую модель и находят каждую фотографию, как только она перечитана.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>At the speed this computer had with that model ({rate} photos/s) it takes about %Ln minute(s).</source>
        <translation>
            <numerusform>При скорости, которую этот компьютер показал с этой моделью ({rate} фото/с), это займёт около %Ln минуты.</numerusform>
            <numerusform>При скорости, которую этот компьютер показал с этой моделью ({rate} фото/с), это займёт около %Ln минут.</numerusform>
            <numerusform>При скорости, которую этот компьютер показал с этой моделью ({rate} фото/с), это займёт около %Ln минут.</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking the model…</source>
        <translation>Проверка модели…</translation>
    </message>
    <message>
        <source>This model cannot be used now, so nothing was changed: {why}</source>
        <translation>Эту модель сейчас нельзя использовать, поэтому ничего не изменено: {why}</translation>
    </message>
    <message>
        <source>Settings &gt; Model chooses another model, or a model folder on this computer.</source>
        <translation>В разделе «Настройки &gt; Модель» можно выбрать другую модель или папку модели на этом компьютере.</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation>Выберите папку с моделью</translation>
    </message>
    <message>
        <source>Choose the library folder</source>
        <translation>Выберите папку библиотеки</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Library</source>
        <translation>Библиотека</translation>
    </message>
    <message>
        <source>All photos</source>
        <translation>Все фотографии</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Дубликаты</translation>
    </message>
    <message>
        <source>Recently removed</source>
        <translation>Недавно удалённые</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Папки</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Хронология</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Метки</translation>
    </message>
    <message>
        <source>Edit tags…</source>
        <translation>Изменить метки…</translation>
    </message>
    <message>
        <source>Add a folder…</source>
        <translation>Добавить папку…</translation>
    </message>
    <message>
        <source>Remove the selected folder…</source>
        <translation>Убрать выбранную папку…</translation>
    </message>
    <message>
        <source>New tag…</source>
        <translation>Новая метка…</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Not found: is the drive connected? Its photos are kept.</source>
        <translation>Не найдена: подключён ли диск? Её фотографии сохранены.</translation>
    </message>
    <message>
        <source>Indexing…</source>
        <translation>Индексация…</translation>
    </message>
    <message>
        <source>Up to date, watched for changes</source>
        <translation>Всё актуально, изменения отслеживаются</translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s)</source>
        <translation>
            <numerusform>%Ln фотография</numerusform>
            <numerusform>%Ln фотографии</numerusform>
            <numerusform>%Ln фотографий</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to show the photos tagged {tag}; double-click to edit the tag</source>
        <translation>Щёлкните, чтобы показать фотографии с меткой {tag}; дважды щёлкните, чтобы изменить метку</translation>
    </message>
    <message>
        <source>Open in the file manager</source>
        <translation>Открыть в файловом менеджере</translation>
    </message>
    <message>
        <source>Remove from the library…</source>
        <translation>Убрать из библиотеки…</translation>
    </message>
    <message>
        <source>Edit tag…</source>
        <translation>Изменить метку…</translation>
    </message>
</context>
<context>
    <name>SkippedDialog</name>
    <message>
        <source>Skipped files</source>
        <translation>Пропущенные файлы</translation>
    </message>
    <message>
        <source>PhotoClip could not read these files, so they are not in the library. They are left as they are; fix or replace one and it is indexed again.</source>
        <translation>PhotoClip не смог прочитать эти файлы, поэтому их нет в библиотеке. Они остаются как есть; исправьте или замените файл, и он будет проиндексирован снова.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
</context>
<context>
    <name>TagsPage</name>
    <message>
        <source>Tags</source>
        <translation>Метки</translation>
    </message>
    <message>
        <source>New tag</source>
        <translation>Новая метка</translation>
    </message>
    <message>
        <source>Create a tag (Ctrl+N)</source>
        <translation>Создать метку (Ctrl+N)</translation>
    </message>
    <message>
        <source>e.g. Beach</source>
        <translation>например, Пляж</translation>
    </message>
    <message>
        <source>Describe it in your own words, one description per line:
a photo of a beach
sand and sea</source>
        <translation>Опишите её своими словами, по одному описанию в строке:
фотография пляжа
песок и море</translation>
    </message>
    <message>
        <source>Optional: what it is not, one per line (a swimming pool)</source>
        <translation>Необязательно: чем она не является, по одному в строке (бассейн)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Looks like</source>
        <translation>Похоже на</translation>
    </message>
    <message>
        <source>But not</source>
        <translation>Но не</translation>
    </message>
    <message>
        <source>Fewer</source>
        <translation>Меньше</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Больше</translation>
    </message>
    <message>
        <source>Sensitivity: how sure PhotoClip must be before it tags a photo. The middle is a good start.</source>
        <translation>Чувствительность: насколько PhotoClip должен быть уверен, прежде чем отметить фотографию. Середина — хорошее начало.</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>Чувствительность</translation>
    </message>
    <message>
        <source>Delete tag…</source>
        <translation>Удалить метку…</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Отменить изменения</translation>
    </message>
    <message>
        <source>Tagged</source>
        <translation>С меткой</translation>
    </message>
    <message>
        <source>Closest untagged</source>
        <translation>Ближайшие без метки</translation>
    </message>
    <message>
        <source>Teach it: click ✓ or ✗ on a photo, or select photos and press Y (yes) or N (no); U forgets the decision, Ctrl+Z undoes.</source>
        <translation>Обучайте её: нажмите ✓ или ✗ на фотографии или выделите фотографии и нажмите Y (да) или N (нет); U забывает решение, Ctrl+Z отменяет.</translation>
    </message>
    <message>
        <source>Describe a tag</source>
        <translation>Опишите метку</translation>
    </message>
    <message>
        <source>Give it a name and say in your own words what its photos look like. PhotoClip then finds them all, and keeps tagging new photos as they arrive.</source>
        <translation>Дайте ей название и своими словами опишите, как выглядят её фотографии. PhotoClip найдёт их все и будет отмечать новые фотографии по мере их появления.</translation>
    </message>
    <message>
        <source>Tag “{tag}”</source>
        <translation>Метка «{tag}»</translation>
    </message>
    <message>
        <source>Create tag</source>
        <translation>Создать метку</translation>
    </message>
    <message>
        <source>Apply changes</source>
        <translation>Применить изменения</translation>
    </message>
    <message>
        <source>Delete tag</source>
        <translation>Удалить метку</translation>
    </message>
    <message>
        <source>Delete the tag “{tag}” and your confirmations and rejections for it? Your photos are not touched.</source>
        <translation>Удалить метку «{tag}» и ваши подтверждения и отказы для неё? Ваши фотографии не затрагиваются.</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Подсчёт…</translation>
    </message>
    <message>
        <source>Tags {count} of {total} photos</source>
        <translation>Отмечено фото: {count} из {total}</translation>
    </message>
    <message>
        <source>No photos at this sensitivity</source>
        <translation>Нет фотографий при этой чувствительности</translation>
    </message>
    <message>
        <source>Move the slider towards More, or describe the tag differently.</source>
        <translation>Сдвиньте ползунок к «Больше» или опишите метку иначе.</translation>
    </message>
    <message>
        <source>Every photo carries this tag</source>
        <translation>Эта метка стоит на всех фотографиях</translation>
    </message>
</context>
<context>
    <name>XmpExport</name>
    <message>
        <source>Writing tags into XMP sidecars…</source>
        <translation>Запись меток в файлы XMP…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Export tags</source>
        <translation>Экспорт меток</translation>
    </message>
    <message>
        <source>Writing tags into XMP sidecars: {done} of {total} photos</source>
        <translation>Запись меток в файлы XMP: {done} из {total} фотографий</translation>
    </message>
    <message>
        <source>Sidecars written: {written}; already up to date: {unchanged}.</source>
        <translation>Записано файлов XMP: {written}; уже актуальны: {unchanged}.</translation>
    </message>
    <message>
        <source>Photos not found (an unplugged drive?): {n}</source>
        <translation>Фотографии не найдены (отключён диск?): {n}</translation>
    </message>
    <message>
        <source>Could not write: {files}</source>
        <translation>Не удалось записать: {files}</translation>
    </message>
</context>
</TS>
