<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>Chip</name>
    <message>
        <source>Remove this filter</source>
        <translation>Quitar este filtro</translation>
    </message>
</context>
<context>
    <name>ConfirmResolve</name>
    <message>
        <source>Resolve duplicates</source>
        <translation>Resolver duplicados</translation>
    </message>
    <message>
        <source>to the system trash (you can restore them from there)</source>
        <translation>a la papelera del sistema (puedes recuperarlas desde allí)</translation>
    </message>
    <message>
        <source>into the folder {folder}</source>
        <translation>a la carpeta {folder}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Keep&lt;/b&gt; {path}</source>
        <translation>&lt;b&gt;Conservar&lt;/b&gt; {path}</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Move %Ln photo(s)&lt;/b&gt; {where}:</source>
        <translation>
            <numerusform>&lt;b&gt;Mover %Ln foto&lt;/b&gt; {where}:</numerusform>
            <numerusform>&lt;b&gt;Mover %Ln fotos&lt;/b&gt; {where}:</numerusform>
        </translation>
    </message>
    <message>
        <source>Their tags and keywords are carried over to the photo you keep. Nothing is deleted.</source>
        <translation>Sus etiquetas y palabras clave pasan a la foto que conservas. No se borra nada.</translation>
    </message>
    <message numerus="yes">
        <source>Move %Ln to trash</source>
        <translation>
            <numerusform>Mover %Ln a la papelera</numerusform>
            <numerusform>Mover %Ln a la papelera</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %Ln</source>
        <translation>
            <numerusform>Mover %Ln</numerusform>
            <numerusform>Mover %Ln</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DateRangeDialog</name>
    <message>
        <source>Photos taken between</source>
        <translation>Fotos tomadas entre</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Desde</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>&amp;Hasta</translation>
    </message>
</context>
<context>
    <name>DuplicateCard</name>
    <message>
        <source>Keep this one</source>
        <translation>Conservar esta</translation>
    </message>
    <message>
        <source>{width} × {height}</source>
        <translation>{width} × {height}</translation>
    </message>
    <message>
        <source>JPEG quality {quality}</source>
        <translation>Calidad JPEG {quality}</translation>
    </message>
    <message>
        <source>Lossless</source>
        <translation>Sin pérdida</translation>
    </message>
    <message>
        <source>Looks like an edited copy</source>
        <translation>Parece una copia editada</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Conservar</translation>
    </message>
</context>
<context>
    <name>DuplicatesPage</name>
    <message>
        <source>Duplicates</source>
        <translation>Duplicados</translation>
    </message>
    <message>
        <source>Same picture</source>
        <translation>Misma imagen</translation>
    </message>
    <message>
        <source>Copies of one photo: resized, re-saved, cropped a little, turned or brightened</source>
        <translation>Copias de una misma foto: redimensionadas, guardadas de nuevo, algo recortadas, giradas o aclaradas</translation>
    </message>
    <message>
        <source>Similar shots</source>
        <translation>Tomas parecidas</translation>
    </message>
    <message>
        <source>Different photos of the same moment, such as a burst</source>
        <translation>Fotos distintas del mismo momento, como una ráfaga</translation>
    </message>
    <message>
        <source>Stop looking</source>
        <translation>Dejar de buscar</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>Buscar de nuevo</translation>
    </message>
    <message>
        <source>&amp;Not duplicates</source>
        <translation>&amp;No son duplicados</translation>
    </message>
    <message>
        <source>These are different photos: never group them again</source>
        <translation>Son fotos distintas: no volver a agruparlas nunca</translation>
    </message>
    <message>
        <source>Move others to a &amp;folder…</source>
        <translation>Mover las demás a una &amp;carpeta…</translation>
    </message>
    <message>
        <source>Move others to &amp;trash…</source>
        <translation>Mover las demás a la &amp;papelera…</translation>
    </message>
    <message>
        <source>Keep the chosen photo; move the others to the trash (Delete)</source>
        <translation>Conservar la foto elegida y mover las demás a la papelera (Supr)</translation>
    </message>
    <message>
        <source>Find duplicates</source>
        <translation>Buscar duplicados</translation>
    </message>
    <message>
        <source>PhotoClip compares your photos and shows the copies it finds.</source>
        <translation>PhotoClip compara tus fotos y muestra las copias que encuentra.</translation>
    </message>
    <message>
        <source>&amp;Look for duplicates</source>
        <translation>&amp;Buscar duplicados</translation>
    </message>
    <message>
        <source>Looking for duplicates…</source>
        <translation>Buscando duplicados…</translation>
    </message>
    <message>
        <source>Looking for similar shots…</source>
        <translation>Buscando tomas parecidas…</translation>
    </message>
    <message>
        <source>PhotoClip compares photos that look alike, pixel by pixel.</source>
        <translation>PhotoClip compara píxel a píxel las fotos que se parecen.</translation>
    </message>
    <message>
        <source>Reading photos {done} of {total}…</source>
        <translation>Leyendo fotos: {done} de {total}…</translation>
    </message>
    <message>
        <source>Comparing pairs {done} of {total}…</source>
        <translation>Comparando pares: {done} de {total}…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s)</source>
        <translation>
            <numerusform>%Ln foto</numerusform>
            <numerusform>%Ln fotos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln group(s)</source>
        <translation>
            <numerusform>%Ln grupo</numerusform>
            <numerusform>%Ln grupos</numerusform>
        </translation>
    </message>
    <message>
        <source>{copies} to clean up, {size}</source>
        <translation>{copies} por limpiar, {size}</translation>
    </message>
    <message>
        <source>No duplicates found</source>
        <translation>No se encontraron duplicados</translation>
    </message>
    <message>
        <source>No similar shots found</source>
        <translation>No se encontraron tomas parecidas</translation>
    </message>
    <message>
        <source>PhotoClip looks again whenever you add photos.</source>
        <translation>PhotoClip vuelve a buscar cada vez que añades fotos.</translation>
    </message>
    <message>
        <source>Suggested to keep: {name}, because: {reason}.</source>
        <translation>Se sugiere conservar {name} por: {reason}.</translation>
    </message>
    <message>
        <source>Move the other photos into</source>
        <translation>Mover las demás fotos a</translation>
    </message>
    <message numerus="yes">
        <source>Kept {name}; moved %Ln photo(s) to the trash.</source>
        <translation>
            <numerusform>Se conservó {name}; se movió %Ln foto a la papelera.</numerusform>
            <numerusform>Se conservó {name}; se movieron %Ln fotos a la papelera.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kept {name}; moved %Ln photo(s) to {folder}.</source>
        <translation>
            <numerusform>Se conservó {name}; se movió %Ln foto a {folder}.</numerusform>
            <numerusform>Se conservó {name}; se movieron %Ln fotos a {folder}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Left alone: {files}</source>
        <translation>Sin tocar: {files}</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
</context>
<context>
    <name>Exif</name>
    <message>
        <source>Camera maker</source>
        <translation>Fabricante de la cámara</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Cámara</translation>
    </message>
    <message>
        <source>Lens</source>
        <translation>Objetivo</translation>
    </message>
    <message>
        <source>Original date</source>
        <translation>Fecha original</translation>
    </message>
    <message>
        <source>Exposure</source>
        <translation>Exposición</translation>
    </message>
    <message>
        <source>Aperture</source>
        <translation>Apertura</translation>
    </message>
    <message>
        <source>ISO</source>
        <translation>ISO</translation>
    </message>
    <message>
        <source>Focal length</source>
        <translation>Distancia focal</translation>
    </message>
    <message>
        <source>Flash</source>
        <translation>Flash</translation>
    </message>
    <message>
        <source>Software</source>
        <translation>Software</translation>
    </message>
    <message>
        <source>Artist</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Copyright</source>
        <translation>Derechos de autor</translation>
    </message>
</context>
<context>
    <name>IndexStatusBar</name>
    <message>
        <source>Open Settings…</source>
        <translation>Abrir Ajustes…</translation>
    </message>
    <message>
        <source>Choose another model, or a model folder on this computer</source>
        <translation>Elegir otro modelo, o una carpeta de modelo en este equipo</translation>
    </message>
    <message>
        <source>Resume indexing (Ctrl+P)</source>
        <translation>Reanudar la indexación (Ctrl+P)</translation>
    </message>
    <message>
        <source>Pause indexing (Ctrl+P)</source>
        <translation>Pausar la indexación (Ctrl+P)</translation>
    </message>
    <message>
        <source>Opening the library…</source>
        <translation>Abriendo la biblioteca…</translation>
    </message>
    <message>
        <source>Read only: another PhotoClip process is updating this library</source>
        <translation>Solo lectura: otro proceso de PhotoClip está actualizando esta biblioteca</translation>
    </message>
    <message>
        <source>Indexing stopped: {error}</source>
        <translation>Indexación detenida: {error}</translation>
    </message>
    <message>
        <source>Indexing paused</source>
        <translation>Indexación en pausa</translation>
    </message>
    <message>
        <source>Looking for new and changed photos…</source>
        <translation>Buscando fotos nuevas y modificadas…</translation>
    </message>
    <message>
        <source>Paused at {done} of {total}</source>
        <translation>En pausa en {done} de {total}</translation>
    </message>
    <message>
        <source>Reading text {done} of {total}</source>
        <translation>Leyendo el texto {done} de {total}</translation>
    </message>
    <message>
        <source>Indexing {done} of {total}</source>
        <translation>Indexando {done} de {total}</translation>
    </message>
    <message>
        <source>{rate} photos/s</source>
        <translation>{rate} fotos/s</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>quedan {time}</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>Al día</translation>
    </message>
    <message>
        <source>PhotoClip watches your folders and adds new photos as they arrive.</source>
        <translation>PhotoClip vigila tus carpetas y añade las fotos nuevas en cuanto llegan.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln folder(s) not found: {names}</source>
        <translation>
            <numerusform>%Ln carpeta no encontrada: {names}</numerusform>
            <numerusform>%Ln carpetas no encontradas: {names}</numerusform>
        </translation>
    </message>
    <message>
        <source>Is the drive connected, or was the folder renamed? Its photos are kept until you remove the folder from the library.</source>
        <translation>¿Está conectada la unidad, o se cambió el nombre de la carpeta? Sus fotos se conservan hasta que quite la carpeta de la biblioteca.</translation>
    </message>
    <message numerus="yes">
        <source>Waiting for the model: %Ln photo(s) cannot be searched or tagged yet</source>
        <translation>
            <numerusform>Esperando el modelo: %Ln foto aún no se puede buscar ni etiquetar</numerusform>
            <numerusform>Esperando el modelo: %Ln fotos aún no se pueden buscar ni etiquetar</numerusform>
        </translation>
    </message>
    <message>
        <source>Text: off</source>
        <translation>Texto: desactivado</translation>
    </message>
    <message>
        <source>Reading the text in photos is off (Settings &gt; General)</source>
        <translation>La lectura del texto de las fotos está desactivada (Ajustes &gt; General)</translation>
    </message>
    <message>
        <source>Text: cannot run</source>
        <translation>Texto: no disponible</translation>
    </message>
    <message>
        <source>Text: {done} of {total} read</source>
        <translation>Texto: {done} de {total} leídas</translation>
    </message>
    <message>
        <source>Photos with text in them: {count}</source>
        <translation>Fotos con texto: {count}</translation>
    </message>
    <message>
        <source>Model: loading…</source>
        <translation>Modelo: cargando…</translation>
    </message>
    <message>
        <source>Model: ready</source>
        <translation>Modelo: listo</translation>
    </message>
    <message>
        <source>Model: unavailable</source>
        <translation>Modelo: no disponible</translation>
    </message>
    <message>
        <source>Model: downloading {percent} %</source>
        <translation>Modelo: descargando {percent} %</translation>
    </message>
    <message numerus="yes">
        <source>%Ln skipped</source>
        <translation>
            <numerusform>%Ln omitido</numerusform>
            <numerusform>%Ln omitidos</numerusform>
        </translation>
    </message>
    <message>
        <source>Files PhotoClip could not read, and why</source>
        <translation>Archivos que PhotoClip no pudo leer y por qué</translation>
    </message>
</context>
<context>
    <name>KeepReason</name>
    <message>
        <source>largest resolution ({width}×{height})</source>
        <translation>mayor resolución ({width}×{height})</translation>
    </message>
    <message>
        <source>the original, not an edited copy</source>
        <translation>original, no una copia editada</translation>
    </message>
    <message>
        <source>least compressed (lossless)</source>
        <translation>menor compresión (sin pérdida)</translation>
    </message>
    <message>
        <source>least compressed (JPEG quality {quality})</source>
        <translation>menor compresión (calidad JPEG {quality})</translation>
    </message>
    <message>
        <source>least compressed (most bytes per pixel)</source>
        <translation>menor compresión (más bytes por píxel)</translation>
    </message>
    <message>
        <source>sharpest</source>
        <translation>la más nítida</translation>
    </message>
    <message>
        <source>richest metadata</source>
        <translation>metadatos más completos</translation>
    </message>
    <message>
        <source>alike in every way that counts; the first by name</source>
        <translation>iguales en todo lo importante; la primera por nombre</translation>
    </message>
    <message>
        <source>the only readable copy</source>
        <translation>la única copia legible</translation>
    </message>
    <message>
        <source>your choice</source>
        <translation>tu elección</translation>
    </message>
    <message>
        <source>; then </source>
        <translation>; después, </translation>
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
        <translation>No se puede abrir la biblioteca</translation>
    </message>
    <message>
        <source>PhotoClip cannot open the library at {path}:

{error}

Choose another library folder in Settings.</source>
        <translation>PhotoClip no puede abrir la biblioteca de {path}:

{error}

Elige otra carpeta de biblioteca en Ajustes.</translation>
    </message>
    <message>
        <source>Add a folder of photos</source>
        <translation>Añadir una carpeta de fotos</translation>
    </message>
    <message>
        <source>Cannot add this folder</source>
        <translation>No se puede añadir esta carpeta</translation>
    </message>
    <message>
        <source>Remove folder</source>
        <translation>Quitar carpeta</translation>
    </message>
    <message>
        <source>Remove {folder} from the library?

PhotoClip forgets its photos and stops watching it. The files themselves are not touched, and your tag decisions come back if you add the folder again.</source>
        <translation>¿Quitar {folder} de la biblioteca?

PhotoClip olvida sus fotos y deja de vigilarla. Los archivos no se tocan, y tus decisiones sobre etiquetas vuelven si añades la carpeta de nuevo.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Add Folder…</source>
        <translation>&amp;Añadir carpeta…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>A&amp;justes…</translation>
    </message>
    <message>
        <source>&amp;Export Tags to XMP Sidecars…</source>
        <translation>&amp;Exportar etiquetas a archivos XMP…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Find Photos</source>
        <translation>&amp;Buscar fotos</translation>
    </message>
    <message>
        <source>&amp;Photos</source>
        <translation>&amp;Fotos</translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation>&amp;Etiquetas</translation>
    </message>
    <message>
        <source>&amp;Duplicates</source>
        <translation>&amp;Duplicados</translation>
    </message>
    <message>
        <source>&amp;Recently Removed</source>
        <translation>&amp;Quitadas recientemente</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>&amp;Ampliar</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>&amp;Reducir</translation>
    </message>
    <message>
        <source>&amp;Library</source>
        <translation>&amp;Biblioteca</translation>
    </message>
    <message>
        <source>&amp;Pause or Resume Indexing</source>
        <translation>&amp;Pausar o reanudar la indexación</translation>
    </message>
    <message>
        <source>&amp;Rescan Folders</source>
        <translation>&amp;Volver a examinar las carpetas</translation>
    </message>
    <message>
        <source>S&amp;kipped Files…</source>
        <translation>Archivos &amp;omitidos…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;Search Tips</source>
        <translation>&amp;Consejos de búsqueda</translation>
    </message>
    <message>
        <source>&amp;About PhotoClip</source>
        <translation>&amp;Acerca de PhotoClip</translation>
    </message>
    <message>
        <source>About PhotoClip</source>
        <translation>Acerca de PhotoClip</translation>
    </message>
    <message>
        <source>&lt;h3&gt;PhotoClip {version}&lt;/h3&gt;&lt;p&gt;Find photos by what is in them, tag them in your own words and clean up duplicates, all on this computer.&lt;/p&gt;&lt;p&gt;Library: {library}&lt;br&gt;Model: {model}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;PhotoClip {version}&lt;/h3&gt;&lt;p&gt;Encuentra fotos por lo que muestran, etiquétalas con tus propias palabras y limpia los duplicados, todo en este equipo.&lt;/p&gt;&lt;p&gt;Biblioteca: {library}&lt;br&gt;Modelo: {model}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MatchWords</name>
    <message>
        <source>A strong match for your search</source>
        <translation>Una coincidencia clara con tu búsqueda</translation>
    </message>
    <message>
        <source>A good match for your search</source>
        <translation>Una buena coincidencia con tu búsqueda</translation>
    </message>
    <message>
        <source>A weaker match: it only partly looks like your search</source>
        <translation>Una coincidencia más débil: solo se parece en parte a tu búsqueda</translation>
    </message>
    <message>
        <source>A weaker match: it does not look like your search</source>
        <translation>Una coincidencia más débil: no se parece a tu búsqueda</translation>
    </message>
    <message>
        <source>clearly</source>
        <translation>claramente</translation>
    </message>
    <message>
        <source>fairly well</source>
        <translation>bastante bien</translation>
    </message>
    <message>
        <source>only faintly</source>
        <translation>apenas</translation>
    </message>
    <message>
        <source>not at all</source>
        <translation>nada</translation>
    </message>
    <message>
        <source>You confirmed this photo.</source>
        <translation>Confirmaste esta foto.</translation>
    </message>
    <message>
        <source>You rejected this photo.</source>
        <translation>Rechazaste esta foto.</translation>
    </message>
    <message>
        <source>This tag is a keyword only: it tags the photos you confirm.</source>
        <translation>Esta etiqueta es solo una palabra clave: etiqueta las fotos que confirmas.</translation>
    </message>
    <message>
        <source>PhotoClip has not looked at this photo yet.</source>
        <translation>PhotoClip aún no ha mirado esta foto.</translation>
    </message>
    <message>
        <source>It matches “{line}” {how}.</source>
        <translation>Coincide con «{line}» {how}.</translation>
    </message>
    <message>
        <source>None of the descriptions fits it well.</source>
        <translation>Ninguna de las descripciones le encaja bien.</translation>
    </message>
    <message>
        <source>“{text}” describes it better.</source>
        <translation>«{text}» la describe mejor.</translation>
    </message>
    <message numerus="yes">
        <source>It looks like %Ln photo(s) you confirmed.</source>
        <translation>
            <numerusform>Se parece a %Ln foto que confirmaste.</numerusform>
            <numerusform>Se parece a %Ln fotos que confirmaste.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>It looks like %Ln photo(s) you rejected.</source>
        <translation>
            <numerusform>Se parece a %Ln foto que rechazaste.</numerusform>
            <numerusform>Se parece a %Ln fotos que rechazaste.</numerusform>
        </translation>
    </message>
    <message>
        <source>The words written in it match.</source>
        <translation>Las palabras escritas en ella coinciden.</translation>
    </message>
    <message numerus="yes">
        <source>Your %Ln example(s) changed the decision.</source>
        <translation>
            <numerusform>Tu %Ln ejemplo cambió la decisión.</numerusform>
            <numerusform>Tus %Ln ejemplos cambiaron la decisión.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelChoice</name>
    <message>
        <source>Default (English)</source>
        <translation>Predeterminado (inglés)</translation>
    </message>
    <message>
        <source>Fast and accurate: ImageNet zero-shot 72.8 % at 11.5 GFLOPs per image; about 580 MB.</source>
        <translation>Rápido y preciso: 72,8 % en ImageNet zero-shot con 11,5 GFLOPs por imagen; unos 580 MB.</translation>
    </message>
    <message>
        <source>Multilingual</source>
        <translation>Multilingüe</translation>
    </message>
    <message>
        <source>Search and tags in Spanish, Russian, Chinese and 100 other languages; about 1.4 GB.</source>
        <translation>Búsquedas y etiquetas en español, ruso, chino y otros 100 idiomas; unos 1,4 GB.</translation>
    </message>
    <message>
        <source>Multilingual, higher quality</source>
        <translation>Multilingüe, mayor calidad</translation>
    </message>
    <message>
        <source>SigLIP trained on many languages; slower to index; about 1.5 GB.</source>
        <translation>SigLIP entrenado en muchos idiomas; indexa más despacio; unos 1,5 GB.</translation>
    </message>
    <message>
        <source>Higher quality (English)</source>
        <translation>Mayor calidad (inglés)</translation>
    </message>
    <message>
        <source>ImageNet zero-shot 79.2 %, but about 7x slower to index than the default; 1.7 GB.</source>
        <translation>79,2 % en ImageNet zero-shot, pero indexa unas 7 veces más despacio que el predeterminado; 1,7 GB.</translation>
    </message>
</context>
<context>
    <name>PhotoGrid</name>
    <message>
        <source>Weaker matches</source>
        <translation>Coincidencias más débiles</translation>
    </message>
</context>
<context>
    <name>PhotoGridModel</name>
    <message>
        <source>Taken: {date}</source>
        <translation>Tomada: {date}</translation>
    </message>
    <message>
        <source>File date: {date}</source>
        <translation>Fecha del archivo: {date}</translation>
    </message>
    <message>
        <source>{width} × {height} pixels, {size}</source>
        <translation>{width} × {height} píxeles, {size}</translation>
    </message>
    <message>
        <source>Folder: {folder}</source>
        <translation>Carpeta: {folder}</translation>
    </message>
    <message>
        <source>Tags: {tags}</source>
        <translation>Etiquetas: {tags}</translation>
    </message>
</context>
<context>
    <name>PhotosPage</name>
    <message>
        <source>Search photos by what is in them, e.g. beach -people</source>
        <translation>Busca fotos por lo que muestran, p. ej. playa -personas</translation>
    </message>
    <message>
        <source>&lt;b&gt;Search by describing the photo&lt;/b&gt;&lt;br&gt;&lt;code&gt;dog on a beach&lt;/code&gt; finds photos that look like that.&lt;br&gt;&lt;code&gt;beach -people&lt;/code&gt; leaves out photos with people.&lt;br&gt;&lt;code&gt;sunset +mountains&lt;/code&gt; looks for both.&lt;br&gt;&lt;code&gt;-&quot;red car&quot;&lt;/code&gt; quotes keep several words together.&lt;br&gt;Right-click a photo and choose &lt;i&gt;More like this&lt;/i&gt; to search by example.</source>
        <translation>&lt;b&gt;Busca describiendo la foto&lt;/b&gt;&lt;br&gt;&lt;code&gt;perro en una playa&lt;/code&gt; encuentra fotos que se parecen a eso.&lt;br&gt;&lt;code&gt;playa -personas&lt;/code&gt; deja fuera las fotos con personas.&lt;br&gt;&lt;code&gt;atardecer +montañas&lt;/code&gt; busca ambas cosas.&lt;br&gt;&lt;code&gt;-&quot;coche rojo&quot;&lt;/code&gt; las comillas mantienen juntas varias palabras.&lt;br&gt;Haz clic derecho en una foto y elige &lt;i&gt;Más como esta&lt;/i&gt; para buscar por ejemplo.</translation>
    </message>
    <message>
        <source>Best match</source>
        <translation>Mejor coincidencia</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Más recientes primero</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>Más antiguas primero</translation>
    </message>
    <message>
        <source>Order of the photos</source>
        <translation>Orden de las fotos</translation>
    </message>
    <message>
        <source>Only photos taken between two dates (D)</source>
        <translation>Solo las fotos tomadas entre dos fechas (D)</translation>
    </message>
    <message>
        <source>More like this</source>
        <translation>Más como esta</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>Copiar ruta</translation>
    </message>
    <message>
        <source>Tag…</source>
        <translation>Etiquetar…</translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation>&amp;Etiquetas</translation>
    </message>
    <message>
        <source>No tags yet</source>
        <translation>Aún no hay etiquetas</translation>
    </message>
    <message>
        <source>Your search is not in English, but the current model reads English only. To search in your language, switch to the multilingual model in Settings.</source>
        <translation>Tu búsqueda no está en inglés, pero el modelo actual solo lee inglés. Para buscar en tu idioma, cambia al modelo multilingüe en Ajustes.</translation>
    </message>
    <message>
        <source>Open Settings…</source>
        <translation>Abrir Ajustes…</translation>
    </message>
    <message>
        <source>Waiting for the model to load…</source>
        <translation>Esperando a que se cargue el modelo…</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message numerus="yes">
        <source>No good matches; %Ln weaker match(es)</source>
        <translation>
            <numerusform>Ninguna buena coincidencia; %Ln más débil</numerusform>
            <numerusform>Ninguna buena coincidencia; %Ln más débiles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln good match(es), best first</source>
        <translation>
            <numerusform>%Ln buena coincidencia, la mejor primero</numerusform>
            <numerusform>%Ln buenas coincidencias, las mejores primero</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln good match(es) by date</source>
        <translation>
            <numerusform>%Ln buena coincidencia por fecha</numerusform>
            <numerusform>%Ln buenas coincidencias por fecha</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln weaker match(es) below</source>
        <translation>
            <numerusform>%Ln más débil debajo</numerusform>
            <numerusform>%Ln más débiles debajo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s)</source>
        <translation>
            <numerusform>%Ln foto</numerusform>
            <numerusform>%Ln fotos</numerusform>
        </translation>
    </message>
    <message>
        <source>In {folder}</source>
        <translation>En {folder}</translation>
    </message>
    <message>
        <source>Tagged {tag}</source>
        <translation>Con la etiqueta {tag}</translation>
    </message>
    <message>
        <source>Taken in this period (the file&apos;s date where the photo has none)</source>
        <translation>Tomadas en este periodo (la fecha del archivo si la foto no tiene)</translation>
    </message>
    <message>
        <source>Like {photos}</source>
        <translation>Como {photos}</translation>
    </message>
    <message>
        <source>Searching needs the model, which is not available: {message}</source>
        <translation>Para buscar hace falta el modelo, que no está disponible: {message}</translation>
    </message>
    <message>
        <source>Choose a model…</source>
        <translation>Elegir un modelo…</translation>
    </message>
    <message>
        <source>Downloading the model ({done} of {total} MB); you can browse your photos meanwhile.</source>
        <translation>Descargando el modelo ({done} de {total} MB); mientras tanto puedes ver tus fotos.</translation>
    </message>
    <message>
        <source>Opening your library…</source>
        <translation>Abriendo tu biblioteca…</translation>
    </message>
    <message>
        <source>Cannot search right now</source>
        <translation>Ahora no se puede buscar</translation>
    </message>
    <message>
        <source>Open Settings</source>
        <translation>Abrir Ajustes</translation>
    </message>
    <message>
        <source>Add {folder}</source>
        <translation>Añadir {folder}</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>Elegir una carpeta…</translation>
    </message>
    <message>
        <source>Welcome to PhotoClip</source>
        <translation>Te damos la bienvenida a PhotoClip</translation>
    </message>
    <message>
        <source>Add a folder of photos to get started. PhotoClip looks at each photo on this computer, so you can find it by describing it, tag it and clean up copies. Your photos never leave this computer and are never changed.</source>
        <translation>Añade una carpeta de fotos para empezar. PhotoClip examina cada foto en este equipo para que puedas encontrarla describiéndola, etiquetarla y limpiar las copias. Tus fotos nunca salen de este equipo y nunca se modifican.</translation>
    </message>
    <message>
        <source>No photo matches your search well</source>
        <translation>Ninguna foto coincide bien con tu búsqueda</translation>
    </message>
    <message>
        <source>None of your photos looks much like what you asked for. Try other words, describe what is in the photo rather than where or when it was taken, or remove a filter.</source>
        <translation>Ninguna de tus fotos se parece mucho a lo que buscas. Prueba otras palabras, describe lo que hay en la foto y no dónde o cuándo se tomó, o quita un filtro.</translation>
    </message>
    <message numerus="yes">
        <source>Show %Ln weaker match(es)</source>
        <translation>
            <numerusform>Mostrar %Ln coincidencia más débil</numerusform>
            <numerusform>Mostrar %Ln coincidencias más débiles</numerusform>
        </translation>
    </message>
    <message>
        <source>No photos match</source>
        <translation>Ninguna foto coincide</translation>
    </message>
    <message>
        <source>Try other words, or remove a filter.</source>
        <translation>Prueba con otras palabras o quita un filtro.</translation>
    </message>
    <message>
        <source>No photos here yet</source>
        <translation>Aún no hay fotos aquí</translation>
    </message>
    <message>
        <source>Photos appear as soon as they are indexed.</source>
        <translation>Las fotos aparecen en cuanto se indexan.</translation>
    </message>
    <message>
        <source>No photos yet</source>
        <translation>Aún no hay fotos</translation>
    </message>
    <message>
        <source>Photos appear here as PhotoClip finds them in your folders.</source>
        <translation>Las fotos aparecen aquí a medida que PhotoClip las encuentra en tus carpetas.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Mostrar en la carpeta</translation>
    </message>
    <message>
        <source>From {date}</source>
        <translation>Desde el {date}</translation>
    </message>
    <message>
        <source>Until {date}</source>
        <translation>Hasta el {date}</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>Previous photo (Left)</source>
        <translation>Foto anterior (flecha izquierda)</translation>
    </message>
    <message>
        <source>Next photo (Right)</source>
        <translation>Foto siguiente (flecha derecha)</translation>
    </message>
    <message>
        <source>More like this (M)</source>
        <translation>Más como esta (M)</translation>
    </message>
    <message>
        <source>Open in the default viewer</source>
        <translation>Abrir en el visor predeterminado</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Mostrar en la carpeta</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>Copiar ruta</translation>
    </message>
    <message>
        <source>{name} – PhotoClip</source>
        <translation>{name} – PhotoClip</translation>
    </message>
    <message>
        <source>This photo cannot be shown: {error}</source>
        <translation>No se puede mostrar esta foto: {error}</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Coincidencia</translation>
    </message>
    <message>
        <source>Text found</source>
        <translation>Texto encontrado</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>{width} × {height} pixels</source>
        <translation>{width} × {height} píxeles</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Tomada</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modificada</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguna</translation>
    </message>
</context>
<context>
    <name>RemovedPage</name>
    <message>
        <source>Recently removed</source>
        <translation>Quitadas recientemente</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Restaurar</translation>
    </message>
    <message>
        <source>Put the selected files back where they were</source>
        <translation>Devolver los archivos elegidos a donde estaban</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Was in</source>
        <translation>Estaba en</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Quitada</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Ahora</translation>
    </message>
    <message>
        <source>Moved to {folder}</source>
        <translation>Movida a {folder}</translation>
    </message>
    <message>
        <source>In the trash</source>
        <translation>En la papelera</translation>
    </message>
    <message>
        <source>Not in the trash any more</source>
        <translation>Ya no está en la papelera</translation>
    </message>
    <message>
        <source>Restore it from the system trash, if it is still there</source>
        <translation>Restáurela desde la papelera del sistema, si sigue allí</translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln archivo</numerusform>
            <numerusform>%Ln archivos</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing removed recently</source>
        <translation>Nada quitado recientemente</translation>
    </message>
    <message>
        <source>Photos you clean up in Duplicates are listed here, so you can put them back.</source>
        <translation>Las fotos que limpie en Duplicados aparecen aquí, para que pueda devolverlas.</translation>
    </message>
    <message numerus="yes">
        <source>Put %Ln photo(s) back where they were.</source>
        <translation>
            <numerusform>Se devolvió %Ln foto a su lugar.</numerusform>
            <numerusform>Se devolvieron %Ln fotos a su lugar.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not restored: {files}</source>
        <translation>No restauradas: {files}</translation>
    </message>
</context>
<context>
    <name>SearchLanguagesDialog</name>
    <message>
        <source>Welcome to PhotoClip</source>
        <translation>Te damos la bienvenida a PhotoClip</translation>
    </message>
    <message>
        <source>&lt;b&gt;Which languages will you search in?&lt;/b&gt;&lt;br&gt;PhotoClip finds photos by the words you type; the model that reads them depends on the language.</source>
        <translation>&lt;b&gt;¿En qué idiomas vas a buscar?&lt;/b&gt;&lt;br&gt;PhotoClip encuentra fotos por las palabras que escribes; el modelo que las lee depende del idioma.</translation>
    </message>
    <message>
        <source>Other languages</source>
        <translation>Otros idiomas</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>PhotoClip will use the multilingual model: it reads Spanish, Russian, Chinese and about 100 other languages. It is a larger download (about 1.4 GB).</source>
        <translation>PhotoClip usará el modelo multilingüe: lee español, ruso, chino y unos 100 idiomas más. Es una descarga mayor (unos 1,4 GB).</translation>
    </message>
    <message>
        <source>The model in use reads many languages: nothing to change.</source>
        <translation>El modelo en uso lee muchos idiomas: no hay nada que cambiar.</translation>
    </message>
    <message>
        <source>PhotoClip will use its default model: fast and accurate, for English.</source>
        <translation>PhotoClip usará su modelo predeterminado: rápido y preciso, para inglés.</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>The model could not be loaded: {error}</source>
        <translation>No se pudo cargar el modelo: {error}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>The model is what understands your photos. All of them run on this computer.</source>
        <translation>El modelo es lo que entiende tus fotos. Todos funcionan en este equipo.</translation>
    </message>
    <message>
        <source>{folder} holds no open_clip_config.json: it is not an open_clip model folder.</source>
        <translation>{folder} no contiene open_clip_config.json: no es una carpeta de modelo de open_clip.</translation>
    </message>
    <message>
        <source>{folder} holds no model weights (open_clip_model.safetensors).</source>
        <translation>{folder} no contiene los pesos del modelo (open_clip_model.safetensors).</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>A model folder on this computer</source>
        <translation>Una carpeta de modelo en este equipo</translation>
    </message>
    <message>
        <source>A folder with open_clip_config.json and open_clip_model.safetensors</source>
        <translation>Una carpeta con open_clip_config.json y open_clip_model.safetensors</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Without internet access, copy a model folder from another computer (it holds open_clip_config.json and open_clip_model.safetensors) and choose it here.</source>
        <translation>Sin acceso a internet, copia una carpeta de modelo desde otro equipo (contiene open_clip_config.json y open_clip_model.safetensors) y elígela aquí.</translation>
    </message>
    <message>
        <source>Use the previous model again ({model})</source>
        <translation>Volver al modelo anterior ({model})</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>Automatic (a GPU if there is one)</source>
        <translation>Automático (una GPU si la hay)</translation>
    </message>
    <message>
        <source>NVIDIA GPU (CUDA)</source>
        <translation>GPU NVIDIA (CUDA)</translation>
    </message>
    <message>
        <source>Apple GPU (Metal)</source>
        <translation>GPU de Apple (Metal)</translation>
    </message>
    <message>
        <source>Processor (CPU)</source>
        <translation>Procesador (CPU)</translation>
    </message>
    <message>
        <source>Run the model on</source>
        <translation>Ejecutar el modelo en</translation>
    </message>
    <message>
        <source>The fastest measured on this computer</source>
        <translation>El más rápido medido en este ordenador</translation>
    </message>
    <message>
        <source>Number format</source>
        <translation>Formato numérico</translation>
    </message>
    <message>
        <source>Library folder</source>
        <translation>Carpeta de la biblioteca</translation>
    </message>
    <message>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <source>Not measured on this computer yet: the next indexing measures it. A change applies from the next start.</source>
        <translation>Aún no medido en este ordenador: la próxima indexación lo mide. Un cambio se aplica desde el próximo inicio.</translation>
    </message>
    <message>
        <source>Measured: {format} is the fastest that keeps the results here ({rate} photos a second; float32 {float32}). A change applies from the next start.</source>
        <translation>Medido: {format} es el más rápido que conserva los resultados aquí ({rate} fotos por segundo; float32 {float32}). Un cambio se aplica desde el próximo inicio.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>As the system ({language})</source>
        <translation>Como el sistema ({language})</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Idioma de la interfaz</translation>
    </message>
    <message>
        <source>Use the multilingual model</source>
        <translation>Usar el modelo multilingüe</translation>
    </message>
    <message>
        <source>Text in photos</source>
        <translation>Texto en las fotos</translation>
    </message>
    <message>
        <source>Read the text in photos (signs, receipts, screenshots) so that searches find their words</source>
        <translation>Leer el texto de las fotos (carteles, recibos, capturas de pantalla) para que las búsquedas encuentren sus palabras</translation>
    </message>
    <message>
        <source>Where your data lives</source>
        <translation>Dónde están tus datos</translation>
    </message>
    <message>
        <source>Thumbnails</source>
        <translation>Miniaturas</translation>
    </message>
    <message>
        <source>Downloaded models</source>
        <translation>Modelos descargados</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Thumbnails and models are caches: PhotoClip makes them again if they are deleted. To move the library, quit PhotoClip, move the library folder, then start PhotoClip and choose the folder&apos;s new place above.</source>
        <translation>Las miniaturas y los modelos son cachés: PhotoClip los vuelve a crear si se borran. Para mover la biblioteca, cierra PhotoClip, mueve la carpeta de la biblioteca y luego abre PhotoClip y elige arriba la nueva ubicación de la carpeta.</translation>
    </message>
    <message>
        <source>To search and name tags in your language, choose the multilingual model: the default model reads only English.</source>
        <translation>Para buscar y nombrar etiquetas en tu idioma, elige el modelo multilingüe: el modelo predeterminado solo entiende inglés.</translation>
    </message>
    <message>
        <source>Searches and tags use the new model at once: its results for your photos are kept already.</source>
        <translation>Las búsquedas y etiquetas usan el nuevo modelo de inmediato: sus resultados para sus fotos ya están guardados.</translation>
    </message>
    <message numerus="yes">
        <source>Changing the model re-reads %Ln photo(s) with the new one; searches and tags use the new model at once, and find each photo as soon as it is re-read.</source>
        <translation>
            <numerusform>Cambiar de modelo vuelve a leer %Ln foto con el nuevo; las búsquedas y etiquetas usan el nuevo modelo de inmediato y encuentran cada foto en cuanto se vuelve a leer.</numerusform>
            <numerusform>Cambiar de modelo vuelve a leer %Ln fotos con el nuevo; las búsquedas y etiquetas usan el nuevo modelo de inmediato y encuentran cada foto en cuanto se vuelve a leer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>At the speed this computer had with that model ({rate} photos/s) it takes about %Ln minute(s).</source>
        <translation>
            <numerusform>A la velocidad que tuvo este ordenador con ese modelo ({rate} fotos/s) tarda unos %Ln minuto.</numerusform>
            <numerusform>A la velocidad que tuvo este ordenador con ese modelo ({rate} fotos/s) tarda unos %Ln minutos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking the model…</source>
        <translation>Comprobando el modelo…</translation>
    </message>
    <message>
        <source>This model cannot be used now, so nothing was changed: {why}</source>
        <translation>Este modelo no se puede usar ahora, así que no se cambió nada: {why}</translation>
    </message>
    <message>
        <source>Settings &gt; Model chooses another model, or a model folder on this computer.</source>
        <translation>En Ajustes &gt; Modelo puede elegir otro modelo o una carpeta de modelo de este ordenador.</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation>Elegir una carpeta de modelo</translation>
    </message>
    <message>
        <source>Choose the library folder</source>
        <translation>Elegir la carpeta de la biblioteca</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Library</source>
        <translation>Biblioteca</translation>
    </message>
    <message>
        <source>All photos</source>
        <translation>Todas las fotos</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Duplicados</translation>
    </message>
    <message>
        <source>Recently removed</source>
        <translation>Quitadas recientemente</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Carpetas</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Cronología</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Edit tags…</source>
        <translation>Editar etiquetas…</translation>
    </message>
    <message>
        <source>Add a folder…</source>
        <translation>Añadir una carpeta…</translation>
    </message>
    <message>
        <source>Remove the selected folder…</source>
        <translation>Quitar la carpeta seleccionada…</translation>
    </message>
    <message>
        <source>New tag…</source>
        <translation>Nueva etiqueta…</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Not found: is the drive connected? Its photos are kept.</source>
        <translation>No se encuentra: ¿está conectada la unidad? Sus fotos se conservan.</translation>
    </message>
    <message>
        <source>Indexing…</source>
        <translation>Indexando…</translation>
    </message>
    <message>
        <source>Up to date, watched for changes</source>
        <translation>Al día, vigilando cambios</translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s)</source>
        <translation>
            <numerusform>%Ln foto</numerusform>
            <numerusform>%Ln fotos</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to show the photos tagged {tag}; double-click to edit the tag</source>
        <translation>Haz clic para ver las fotos con la etiqueta {tag}; doble clic para editarla</translation>
    </message>
    <message>
        <source>Open in the file manager</source>
        <translation>Abrir en el gestor de archivos</translation>
    </message>
    <message>
        <source>Remove from the library…</source>
        <translation>Quitar de la biblioteca…</translation>
    </message>
    <message>
        <source>Edit tag…</source>
        <translation>Editar etiqueta…</translation>
    </message>
</context>
<context>
    <name>SkippedDialog</name>
    <message>
        <source>Skipped files</source>
        <translation>Archivos omitidos</translation>
    </message>
    <message>
        <source>PhotoClip could not read these files, so they are not in the library. They are left as they are; fix or replace one and it is indexed again.</source>
        <translation>PhotoClip no pudo leer estos archivos, así que no están en la biblioteca. Se dejan como están; si arreglas o sustituyes uno, se vuelve a indexar.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
</context>
<context>
    <name>TagsPage</name>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>New tag</source>
        <translation>Nueva etiqueta</translation>
    </message>
    <message>
        <source>Create a tag (Ctrl+N)</source>
        <translation>Crear una etiqueta (Ctrl+N)</translation>
    </message>
    <message>
        <source>e.g. Beach</source>
        <translation>p. ej. Playa</translation>
    </message>
    <message>
        <source>Describe it in your own words, one description per line:
a photo of a beach
sand and sea</source>
        <translation>Descríbela con tus propias palabras, una descripción por línea:
una foto de una playa
arena y mar</translation>
    </message>
    <message>
        <source>Optional: what it is not, one per line (a swimming pool)</source>
        <translation>Opcional: lo que no es, uno por línea (una piscina)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Looks like</source>
        <translation>Se parece a</translation>
    </message>
    <message>
        <source>But not</source>
        <translation>Pero no</translation>
    </message>
    <message>
        <source>Fewer</source>
        <translation>Menos</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Más</translation>
    </message>
    <message>
        <source>Sensitivity: how sure PhotoClip must be before it tags a photo. The middle is a good start.</source>
        <translation>Sensibilidad: lo seguro que debe estar PhotoClip antes de etiquetar una foto. El punto medio es un buen comienzo.</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>Sensibilidad</translation>
    </message>
    <message>
        <source>Delete tag…</source>
        <translation>Eliminar etiqueta…</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Revertir</translation>
    </message>
    <message>
        <source>Tagged</source>
        <translation>Etiquetadas</translation>
    </message>
    <message>
        <source>Closest untagged</source>
        <translation>Las más cercanas sin etiqueta</translation>
    </message>
    <message>
        <source>Teach it: click ✓ or ✗ on a photo, or select photos and press Y (yes) or N (no); U forgets the decision, Ctrl+Z undoes.</source>
        <translation>Enséñale: haz clic en ✓ o ✗ en una foto, o selecciona fotos y pulsa Y (sí) o N (no); U olvida la decisión, Ctrl+Z deshace.</translation>
    </message>
    <message>
        <source>Describe a tag</source>
        <translation>Describe una etiqueta</translation>
    </message>
    <message>
        <source>Give it a name and say in your own words what its photos look like. PhotoClip then finds them all, and keeps tagging new photos as they arrive.</source>
        <translation>Ponle un nombre y di con tus propias palabras cómo son sus fotos. PhotoClip las encuentra todas y sigue etiquetando las fotos nuevas a medida que llegan.</translation>
    </message>
    <message>
        <source>Tag “{tag}”</source>
        <translation>Etiqueta «{tag}»</translation>
    </message>
    <message>
        <source>Create tag</source>
        <translation>Crear etiqueta</translation>
    </message>
    <message>
        <source>Apply changes</source>
        <translation>Aplicar cambios</translation>
    </message>
    <message>
        <source>Delete tag</source>
        <translation>Eliminar etiqueta</translation>
    </message>
    <message>
        <source>Delete the tag “{tag}” and your confirmations and rejections for it? Your photos are not touched.</source>
        <translation>¿Eliminar la etiqueta «{tag}» y tus confirmaciones y rechazos para ella? Tus fotos no se tocan.</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Contando…</translation>
    </message>
    <message>
        <source>Tags {count} of {total} photos</source>
        <translation>Etiqueta {count} de {total} fotos</translation>
    </message>
    <message>
        <source>No photos at this sensitivity</source>
        <translation>No hay fotos con esta sensibilidad</translation>
    </message>
    <message>
        <source>Move the slider towards More, or describe the tag differently.</source>
        <translation>Mueve el control hacia Más o describe la etiqueta de otra manera.</translation>
    </message>
    <message>
        <source>Every photo carries this tag</source>
        <translation>Todas las fotos llevan esta etiqueta</translation>
    </message>
</context>
<context>
    <name>XmpExport</name>
    <message>
        <source>Writing tags into XMP sidecars…</source>
        <translation>Escribiendo etiquetas en los archivos XMP…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Export tags</source>
        <translation>Exportar etiquetas</translation>
    </message>
    <message>
        <source>Writing tags into XMP sidecars: {done} of {total} photos</source>
        <translation>Escribiendo etiquetas en los archivos XMP: {done} de {total} fotos</translation>
    </message>
    <message>
        <source>Sidecars written: {written}; already up to date: {unchanged}.</source>
        <translation>Archivos XMP escritos: {written}; ya al día: {unchanged}.</translation>
    </message>
    <message>
        <source>Photos not found (an unplugged drive?): {n}</source>
        <translation>Fotos no encontradas (¿un disco desconectado?): {n}</translation>
    </message>
    <message>
        <source>Could not write: {files}</source>
        <translation>No se pudo escribir: {files}</translation>
    </message>
</context>
</TS>
