<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AgentPage</name>
    <message>
        <source>How warm is it?</source>
        <translation>¿Qué temperatura hace?</translation>
    </message>
    <message>
        <source>Is anything wrong with the sensors?</source>
        <translation>¿Algún sensor tiene un problema?</translation>
    </message>
    <message>
        <source>Summarise the last hour.</source>
        <translation>Resuma la última hora.</translation>
    </message>
    <message>
        <source>Which outputs are on?</source>
        <translation>¿Qué salidas están encendidas?</translation>
    </message>
    <message>
        <source>Checking Ollama…</source>
        <translation>Comprobando Ollama…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Rule %1: %2</source>
        <translation>Regla %1: %2</translation>
    </message>
    <message>
        <source>Ask the agent about this node's sensors, or tap a question below.</source>
        <translation>Pregunte al agente por los sensores de este nodo o toque una pregunta de abajo.</translation>
    </message>
    <message>
        <source>Ask a question…</source>
        <translation>Haga una pregunta…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Ask:</source>
        <translation>Preguntar:</translation>
    </message>
    <message>
        <source>%1 (offline)</source>
        <translation>%1 (sin conexión)</translation>
    </message>
    <message>
        <source>— %1</source>
        <translation>— %1</translation>
    </message>
    <message>
        <source>Ask the agent of %1 about its sensors, or tap a question below.</source>
        <translation>Pregunte al agente de %1 por sus sensores o toque una pregunta abajo.</translation>
    </message>
</context>
<context>
    <name>Config</name>
    <message>
        <source>an integer</source>
        <translation>un número entero</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>un número</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>una cadena de texto</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true o false</translation>
    </message>
    <message>
        <source>a map (key: value)</source>
        <translation>un mapa (clave: valor)</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>una lista</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nada</translation>
    </message>
    <message>
        <source> or </source>
        <translation> o </translation>
    </message>
    <message>
        <source>an empty value</source>
        <translation>un valor vacío</translation>
    </message>
    <message>
        <source>the number %1</source>
        <translation>el número %1</translation>
    </message>
    <message>
        <source>the string "%1"</source>
        <translation>la cadena «%1»</translation>
    </message>
    <message>
        <source>a map</source>
        <translation>un mapa</translation>
    </message>
    <message>
        <source>must be between %1 and %2</source>
        <translation>debe estar entre %1 y %2</translation>
    </message>
    <message>
        <source>must be greater than %1</source>
        <translation>debe ser mayor que %1</translation>
    </message>
    <message>
        <source>must be at least %1</source>
        <translation>debe ser como mínimo %1</translation>
    </message>
    <message>
        <source>must be at most %1</source>
        <translation>debe ser como máximo %1</translation>
    </message>
    <message>
        <source>expected %1, got %2</source>
        <translation>se esperaba %1, se obtuvo %2</translation>
    </message>
    <message>
        <source>%1, got %2</source>
        <translation>%1; se obtuvo %2</translation>
    </message>
    <message>
        <source>error: </source>
        <translation>error: </translation>
    </message>
    <message>
        <source>warning: </source>
        <translation>aviso: </translation>
    </message>
    <message>
        <source>info: </source>
        <translation>información: </translation>
    </message>
    <message>
        <source>expected a map of sections (such as "ollama:" and "plugins:"), got %1</source>
        <translation>se esperaba un mapa de secciones (como «ollama:» y «plugins:»), se obtuvo %1</translation>
    </message>
    <message>
        <source>no 'plugins' section: the builtin plugins 'system' and 'gpio' run with their defaults (as in the earlier smollama); add a plugins: section to choose plugins and their settings</source>
        <translation>no hay sección «plugins»: los plugins integrados «system» y «gpio» se ejecutan con sus valores predeterminados (como en el smollama anterior); añada una sección plugins: para elegir los plugins y sus ajustes</translation>
    </message>
    <message>
        <source>section '%1' is not supported by this version and is ignored</source>
        <translation>esta versión no admite la sección «%1» y la ignora</translation>
    </message>
    <message>
        <source>key '%1' is from the earlier smollama and is ignored by this version</source>
        <translation>la clave «%1» es del smollama anterior y esta versión la ignora</translation>
    </message>
    <message>
        <source>'mock: true' is the earlier smollama's setting and now means 'backend: sim'; write that instead</source>
        <translation>«mock: true» es el ajuste del smollama anterior y ahora significa «backend: sim»; escriba eso en su lugar</translation>
    </message>
    <message>
        <source>'mock' is the earlier smollama's setting and is ignored; the gpio plugin's 'backend' chooses real or simulated pins</source>
        <translation>«mock» es el ajuste del smollama anterior y se ignora; el «backend» del plugin gpio elige pines reales o simulados</translation>
    </message>
    <message>
        <source>the top-level 'gpio' section is the earlier smollama's format and lists no pins; it is ignored</source>
        <translation>la sección «gpio» de nivel superior es el formato del smollama anterior y no indica pines; se ignora</translation>
    </message>
    <message>
        <source>the top-level 'gpio' section repeats %1 and is ignored; you can delete it</source>
        <translation>la sección «gpio» de nivel superior repite %1 y se ignora; puede borrarla</translation>
    </message>
    <message>
        <source>the top-level 'gpio' section (the earlier smollama's format) is ignored because %1 is set; move what you need there and delete it</source>
        <translation>la sección «gpio» de nivel superior (el formato del smollama anterior) se ignora porque %1 está definido; mueva allí lo que necesite y bórrela</translation>
    </message>
    <message>
        <source>its pin now belongs under %1</source>
        <translation>su pin ahora va en %1</translation>
    </message>
    <message>
        <source>its %1 pins now belong under %2</source>
        <translation>sus %1 pines ahora van en %2</translation>
    </message>
    <message>
        <source>'mock: true' became %1.backend: sim</source>
        <translation>«mock: true» pasó a ser %1.backend: sim</translation>
    </message>
    <message>
        <source>the top-level 'gpio' section is the earlier smollama's format and has nothing to migrate; it is ignored</source>
        <translation>la sección «gpio» de nivel superior es el formato del smollama anterior y no tiene nada que migrar; se ignora</translation>
    </message>
    <message>
        <source>the top-level 'gpio' section (the earlier smollama's format) was migrated: %1; move it there</source>
        <translation>la sección «gpio» de nivel superior (el formato del smollama anterior) se migró: %1; muévala allí</translation>
    </message>
    <message>
        <source>%1='%2' is not a port number (%3-65535) and is ignored</source>
        <translation>%1=«%2» no es un número de puerto (%3-65535) y se ignora</translation>
    </message>
    <message>
        <source>set to '%1' by %2</source>
        <translation>fijado en «%1» por %2</translation>
    </message>
    <message>
        <source>%1 has no effect because ollama.url is set (the URL wins over host and port); set SMOLLAMA_OLLAMA_URL instead</source>
        <translation>%1 no tiene efecto porque ollama.url está definido (la URL tiene prioridad sobre host y puerto); defina SMOLLAMA_OLLAMA_URL en su lugar</translation>
    </message>
    <message>
        <source>config file %1 does not exist</source>
        <translation>el archivo de configuración %1 no existe</translation>
    </message>
    <message>
        <source>config file %1 is a folder, not a file</source>
        <translation>el archivo de configuración %1 es una carpeta, no un archivo</translation>
    </message>
    <message>
        <source>cannot read config file %1: %2</source>
        <translation>no se puede leer el archivo de configuración %1: %2</translation>
    </message>
    <message>
        <source>internal error while reading the configuration: %1</source>
        <translation>error interno al leer la configuración: %1</translation>
    </message>
    <message>
        <source>internal error while reading the configuration</source>
        <translation>error interno al leer la configuración</translation>
    </message>
    <message>
        <source>the document is too large (more than %1 values, counting what aliases expand to)</source>
        <translation>el documento es demasiado grande (más de %1 valores, contando lo que expanden los alias)</translation>
    </message>
    <message>
        <source>the document is nested too deeply (more than %1 levels)</source>
        <translation>el documento está anidado a demasiada profundidad (más de %1 niveles)</translation>
    </message>
    <message>
        <source>a key is empty; write a name before the ':'</source>
        <translation>una clave está vacía; escriba un nombre antes de «:»</translation>
    </message>
    <message>
        <source>a key must be plain text, not a list or a map</source>
        <translation>una clave debe ser texto simple, no una lista ni un mapa</translation>
    </message>
    <message>
        <source>duplicate key '%1': it is on line %2 and again on line %3; keep one</source>
        <translation>clave duplicada «%1»: está en la línea %2 y otra vez en la línea %3; deje solo una</translation>
    </message>
    <message>
        <source>YAML syntax error: %1%2</source>
        <translation>error de sintaxis YAML: %1%2</translation>
    </message>
    <message>
        <source>cannot parse the YAML: %1</source>
        <translation>no se puede analizar el YAML: %1</translation>
    </message>
    <message>
        <source> (did you mean '%1'?)</source>
        <translation> (¿quiso decir «%1»?)</translation>
    </message>
    <message>
        <source>, and </source>
        <translation> y </translation>
    </message>
    <message>
        <source>invalid instance name '%1': use lower-case letters, digits and '_', starting with a letter (%2)</source>
        <translation>nombre de instancia no válido «%1»: use letras minúsculas, dígitos y «_», empezando por una letra (%2)</translation>
    </message>
    <message>
        <source>invalid plugin name '%1': plugin names use lower-case letters, digits and '_', starting with a letter (%2)</source>
        <translation>nombre de plugin no válido «%1»: los nombres de plugin usan letras minúsculas, dígitos y «_», empezando por una letra (%2)</translation>
    </message>
    <message>
        <source>the top-level 'mqtt' section is the earlier smollama's format but not a map of settings; it is ignored</source>
        <translation>la sección 'mqtt' de nivel superior tiene el formato del smollama anterior, pero no es un mapa de ajustes; se ignora</translation>
    </message>
    <message>
        <source>the top-level 'mqtt' section (the earlier smollama's format) is ignored because %1 is set; you can delete it</source>
        <translation>la sección 'mqtt' de nivel superior (formato del smollama anterior) se ignora porque %1 está definido; puede borrarla</translation>
    </message>
    <message>
        <source>the top-level 'mqtt' section (the earlier smollama's format) now configures the builtin mqtt plugin (%1); write it as %2: %3</source>
        <translation>la sección 'mqtt' de nivel superior (formato del smollama anterior) configura ahora el plugin integrado mqtt (%1); escríbala como %2: %3</translation>
    </message>
    <message>
        <source>with its defaults</source>
        <translation>con sus valores predeterminados</translation>
    </message>
    <message>
        <source>The password is not taken from the configuration: write it to a file readable by smollama only and set password_file</source>
        <translation>La contraseña no se toma de la configuración: escríbala en un archivo que solo smollama pueda leer y defina password_file</translation>
    </message>
    <message>
        <source>Its topics use this node's name '%1' (node.name), not '%2' of publish_prefix</source>
        <translation>Sus topics usan el nombre de este nodo '%1' (node.name), no '%2' de publish_prefix</translation>
    </message>
    <message>
        <source>It answered questions sent to the fleet; set answer_questions: true for that</source>
        <translation>Respondía a las preguntas enviadas a la flota; defina answer_questions: true para ello</translation>
    </message>
</context>
<context>
    <name>DetailPage</name>
    <message>
        <source>‹ Back</source>
        <translation>‹ Atrás</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 h</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 h</translation>
    </message>
    <message>
        <source>min</source>
        <translation>mín.</translation>
    </message>
    <message>
        <source>max</source>
        <translation>máx.</translation>
    </message>
    <message>
        <source>avg</source>
        <translation>media</translation>
    </message>
    <message numerus="yes">
        <source>%n value(s)</source>
        <translation>
            <numerusform>%n valor</numerusform>
            <numerusform>%n valores</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FleetPage</name>
    <message>
        <source>(this node)</source>
        <translation>(este nodo)</translation>
    </message>
    <message>
        <source>online</source>
        <translation>en línea</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>sin conexión</translation>
    </message>
    <message>
        <source>last seen %1</source>
        <translation>visto por última vez %1</translation>
    </message>
    <message numerus="yes">
        <source>%n source(s)</source>
        <translation>
            <numerusform>%n fuente</numerusform>
            <numerusform>%n fuentes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errores</numerusform>
        </translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>versión %1</translation>
    </message>
    <message>
        <source>plugins: %1</source>
        <translation>plugins: %1</translation>
    </message>
    <message>
        <source>heard through %1</source>
        <translation>recibido a través de %1</translation>
    </message>
    <message>
        <source>No nodes known yet.</source>
        <translation>Aún no se conoce ningún nodo.</translation>
    </message>
</context>
<context>
    <name>GpioPlugin</name>
    <message>
        <source>%1: the name '%2' cannot be a reading id; use lower-case letters, digits and '_', starting with a letter, such as '%3'</source>
        <translation>%1: el nombre «%2» no puede ser un id de lectura; use letras minúsculas, dígitos y «_», empezando por una letra, como «%3»</translation>
    </message>
    <message>
        <source>%1: edge '%2' is for inputs; an output has no edge events (remove edge, or make the pin mode: input)</source>
        <translation>%1: edge «%2» es para entradas; una salida no tiene eventos de flanco (quite edge o ponga el pin en mode: input)</translation>
    </message>
    <message>
        <source>%1: pull '%2' is for inputs; an output drives the line itself (remove pull, or make the pin mode: input)</source>
        <translation>%1: pull «%2» es para entradas; una salida controla la línea por sí misma (quite pull o ponga el pin en mode: input)</translation>
    </message>
    <message>
        <source>%1: debounce_ms is for inputs with edge events; remove it from this output</source>
        <translation>%1: debounce_ms es para entradas con eventos de flanco; quítelo de esta salida</translation>
    </message>
    <message>
        <source>%1: initial is for outputs; an input cannot be set (remove initial, or make the pin mode: output)</source>
        <translation>%1: initial es para salidas; una entrada no se puede fijar (quite initial o ponga el pin en mode: output)</translation>
    </message>
    <message>
        <source>%1: safe_state is for outputs; an input is never driven (remove safe_state, or make the pin mode: output)</source>
        <translation>%1: safe_state es para salidas; una entrada nunca se controla (quite safe_state o ponga el pin en mode: output)</translation>
    </message>
    <message>
        <source>%1: debounce_ms %2 needs edge events; set edge (rising, falling or both) or remove debounce_ms</source>
        <translation>%1: debounce_ms %2 necesita eventos de flanco; defina edge (rising, falling o both) o quite debounce_ms</translation>
    </message>
    <message>
        <source>%1: pin %2 is already used by %3</source>
        <translation>%1: el pin %2 ya lo usa %3</translation>
    </message>
    <message>
        <source>%1: the name '%2' is already used by pins[%3] (pin %4); each pin needs its own name</source>
        <translation>%1: el nombre «%2» ya lo usa pins[%3] (pin %4); cada pin necesita su propio nombre</translation>
    </message>
    <message>
        <source>sim_busy is only for backend: sim (it marks simulated lines busy for tests and demos); remove it</source>
        <translation>sim_busy es solo para backend: sim (marca líneas simuladas como ocupadas para pruebas y demostraciones); quítelo</translation>
    </message>
    <message>
        <source>sim_busy: '%1' must be a line number with the name of the program holding it, e.g. "17": "spi0 CS0"</source>
        <translation>sim_busy: «%1» debe ser un número de línea con el nombre del programa que la ocupa, p. ej. "17": "spi0 CS0"</translation>
    </message>
    <message>
        <source>%1: pin %2 does not exist: %3 has %4 lines (0-%5)</source>
        <translation>%1: el pin %2 no existe: %3 tiene %4 líneas (0-%5)</translation>
    </message>
    <message>
        <source>use backend: sim to try GPIO without hardware</source>
        <translation>use backend: sim para probar GPIO sin hardware</translation>
    </message>
    <message>
        <source>published at once when it turns on</source>
        <translation>se publica en cuanto se activa</translation>
    </message>
    <message>
        <source>published at once when it turns off</source>
        <translation>se publica en cuanto se desactiva</translation>
    </message>
    <message>
        <source>published at once on every change</source>
        <translation>se publica en cuanto cambia</translation>
    </message>
    <message>
        <source>this smollama was built without libgpiod (SMOLLAMA_WITH_GPIO=OFF): rebuild it with libgpiod-dev installed, or %1</source>
        <translation>este smollama se compiló sin libgpiod (SMOLLAMA_WITH_GPIO=OFF): vuelva a compilarlo con libgpiod-dev instalado, o %1</translation>
    </message>
    <message>
        <source>checking the GPIO chip failed unexpectedly</source>
        <translation>la comprobación del chip GPIO falló inesperadamente</translation>
    </message>
    <message>
        <source>setting up the GPIO lines failed unexpectedly</source>
        <translation>la configuración de las líneas GPIO falló inesperadamente</translation>
    </message>
    <message>
        <source>another program (it gave no name)</source>
        <translation>otro programa (no indicó su nombre)</translation>
    </message>
    <message>
        <source>line %1 (%2) is busy: used by %3; free it (disable the overlay or stop the program using it) or choose another pin</source>
        <translation>la línea %1 (%2) está ocupada: la usa %3; libérela (desactive el overlay o detenga el programa que la usa) o elija otro pin</translation>
    </message>
    <message>
        <source>%1: cannot claim line %2 of %3: %4</source>
        <translation>%1: no se puede reservar la línea %2 de %3: %4</translation>
    </message>
    <message>
        <source>%1: line %2 has no event file descriptor</source>
        <translation>%1: la línea %2 no tiene descriptor de archivo de eventos</translation>
    </message>
    <message>
        <source>not set up</source>
        <translation>no configurado</translation>
    </message>
    <message>
        <source>edge events of line %1 stopped: %2; the value is still polled</source>
        <translation>los eventos de flanco de la línea %1 se detuvieron: %2; el valor se sigue consultando</translation>
    </message>
    <message>
        <source> (simulated)</source>
        <translation> (simulado)</translation>
    </message>
    <message>
        <source> (active low: on means electrically low)</source>
        <translation> (activo en bajo: encendido significa nivel eléctrico bajo)</translation>
    </message>
    <message>
        <source>; switch it with gpio_write</source>
        <translation>; se conmuta con gpio_write</translation>
    </message>
    <message>
        <source> (debounced %1 ms)</source>
        <translation> (antirrebote de %1 ms)</translation>
    </message>
    <message>
        <source>the gpio plugin is not set up</source>
        <translation>el plugin gpio no está configurado</translation>
    </message>
    <message>
        <source>no pin named '%1'; the pins are: %2</source>
        <translation>no hay ningún pin llamado «%1»; los pines son: %2</translation>
    </message>
    <message>
        <source>reading pin '%1' (%2) failed: %3</source>
        <translation>falló la lectura del pin «%1» (%2): %3</translation>
    </message>
    <message>
        <source>no pin named '%1'; the output pins are: %2</source>
        <translation>no hay ningún pin llamado «%1»; los pines de salida son: %2</translation>
    </message>
    <message>
        <source>pin '%1' (%2) is an input; only output pins can be written</source>
        <translation>el pin «%1» (%2) es una entrada; solo se puede escribir en pines de salida</translation>
    </message>
    <message>
        <source>reading pin '%1' (%2) to toggle it failed: %3</source>
        <translation>falló la lectura del pin «%1» (%2) para conmutarlo: %3</translation>
    </message>
    <message>
        <source>state must be on, off or toggle (got '%1')</source>
        <translation>state debe ser on, off o toggle (se recibió «%1»)</translation>
    </message>
    <message>
        <source>switching pin '%1' (%2) %3 failed: %4</source>
        <translation>falló el cambio del pin «%1» (%2) a %3: %4</translation>
    </message>
    <message>
        <source>gpio_simulate works only with the simulated chip (backend: sim)</source>
        <translation>gpio_simulate solo funciona con el chip simulado (backend: sim)</translation>
    </message>
    <message>
        <source>no pin named '%1'; the input pins are: %2</source>
        <translation>no hay ningún pin llamado «%1»; los pines de entrada son: %2</translation>
    </message>
    <message>
        <source>pin '%1' (%2) is an output; gpio_simulate drives simulated inputs only (use gpio_write for outputs)</source>
        <translation>el pin «%1» (%2) es una salida; gpio_simulate solo controla entradas simuladas (use gpio_write para las salidas)</translation>
    </message>
    <message>
        <source>state must be on or off (got '%1')</source>
        <translation>state debe ser on u off (se recibió «%1»)</translation>
    </message>
    <message>
        <source>simulating pin '%1' (%2) failed: %3</source>
        <translation>falló la simulación del pin «%1» (%2): %3</translation>
    </message>
    <message>
        <source>cannot open</source>
        <translation>no se puede abrir</translation>
    </message>
    <message>
        <source>no GPIO chip labelled '%1': this machine has no /dev/gpiochip* (not a Raspberry Pi?)</source>
        <translation>no hay ningún chip GPIO con la etiqueta «%1»: esta máquina no tiene /dev/gpiochip* (¿no es una Raspberry Pi?)</translation>
    </message>
    <message>
        <source>chip: no GPIO chip is labelled '%1'; the chips here are %2 (see gpiodetect)</source>
        <translation>chip: ningún chip GPIO tiene la etiqueta «%1»; los chips de aquí son %2 (vea gpiodetect)</translation>
    </message>
    <message>
        <source>chip: there is no GPIO chip %1 here; the chips are %2 (see gpiodetect)</source>
        <translation>chip: aquí no hay ningún chip GPIO %1; los chips son %2 (vea gpiodetect)</translation>
    </message>
    <message>
        <source>no GPIO chip %1 (not a Raspberry Pi?)</source>
        <translation>no hay chip GPIO %1 (¿no es una Raspberry Pi?)</translation>
    </message>
    <message>
        <source>cannot open %1: permission denied; add the user smollama runs as to the gpio group (sudo usermod -aG gpio $USER, then log in again)</source>
        <translation>no se puede abrir %1: permiso denegado; añada el usuario con el que se ejecuta smollama al grupo gpio (sudo usermod -aG gpio $USER y vuelva a iniciar sesión)</translation>
    </message>
    <message>
        <source>cannot open GPIO chip %1: %2</source>
        <translation>no se puede abrir el chip GPIO %1: %2</translation>
    </message>
    <message>
        <source>the kernel refused the request for line %1 (%2); pull and active_low settings need Linux 5.5 or newer</source>
        <translation>el kernel rechazó la solicitud de la línea %1 (%2); los ajustes pull y active_low necesitan Linux 5.5 o posterior</translation>
    </message>
    <message>
        <source>requesting line %1 failed: %2</source>
        <translation>falló la solicitud de la línea %1: %2</translation>
    </message>
    <message>
        <source>no GPIO chip is open</source>
        <translation>no hay ningún chip GPIO abierto</translation>
    </message>
    <message>
        <source>line %1 does not exist: %2</source>
        <translation>la línea %1 no existe: %2</translation>
    </message>
    <message>
        <source>line %1 is not requested</source>
        <translation>la línea %1 no está solicitada</translation>
    </message>
    <message>
        <source>reading line %1 failed: %2</source>
        <translation>falló la lectura de la línea %1: %2</translation>
    </message>
    <message>
        <source>setting line %1 failed: %2</source>
        <translation>falló la escritura de la línea %1: %2</translation>
    </message>
    <message>
        <source>waiting for events of line %1 failed: %2</source>
        <translation>falló la espera de eventos de la línea %1: %2</translation>
    </message>
    <message>
        <source>reading events of line %1 failed: %2</source>
        <translation>falló la lectura de eventos de la línea %1: %2</translation>
    </message>
    <message>
        <source>line %1 does not exist</source>
        <translation>la línea %1 no existe</translation>
    </message>
    <message>
        <source>cannot create the event pipe of simulated line %1: %2</source>
        <translation>no se puede crear la tubería de eventos de la línea simulada %1: %2</translation>
    </message>
    <message>
        <source>line %1 is not an output</source>
        <translation>la línea %1 no es una salida</translation>
    </message>
    <message>
        <source>line %1 is not an input</source>
        <translation>la línea %1 no es una entrada</translation>
    </message>
    <message>
        <source>queueing the edge event of simulated line %1 failed: %2</source>
        <translation>falló el encolado del evento de flanco de la línea simulada %1: %2</translation>
    </message>
    <message>
        <source>line %1 was not requested with edge events</source>
        <translation>la línea %1 no se solicitó con eventos de flanco</translation>
    </message>
    <message>
        <source>Output GPIO %1 on %2%3: true when on</source>
        <translation>Salida GPIO %1 en %2%3: true cuando está encendida</translation>
    </message>
    <message>
        <source>Input GPIO %1 on %2%3: true when on</source>
        <translation>Entrada GPIO %1 en %2%3: true cuando está encendida</translation>
    </message>
</context>
<context>
    <name>HistoryChart</name>
    <message>
        <source>No values in this time range yet.</source>
        <translation>Aún no hay valores en este intervalo.</translation>
    </message>
</context>
<context>
    <name>InstanceLock</name>
    <message>
        <source>the lock file %1 is damaged and cannot be removed: check that no other smollama runs, then delete it</source>
        <translation>el archivo de bloqueo %1 está dañado y no se puede eliminar: compruebe que no se ejecuta otro smollama y bórrelo</translation>
    </message>
    <message>
        <source>another smollama is already running (PID %1, lock %2); only one instance may own the hardware. Stop it first (systemctl stop smollama, or kill %1), or use smollama-cli to talk to it</source>
        <translation>ya se está ejecutando otro smollama (PID %1, bloqueo %2); solo una instancia puede controlar el hardware. Deténgalo primero (systemctl stop smollama o kill %1) o use smollama-cli para comunicarse con él</translation>
    </message>
    <message>
        <source>cannot create the lock file %1 (check that the folder is writable)</source>
        <translation>no se puede crear el archivo de bloqueo %1 (compruebe que la carpeta admite escritura)</translation>
    </message>
</context>
<context>
    <name>JsonSchema</name>
    <message>
        <source>value is not one of the allowed values</source>
        <translation>el valor no es ninguno de los permitidos</translation>
    </message>
    <message>
        <source>missing required key</source>
        <translation>falta una clave obligatoria</translation>
    </message>
    <message>
        <source>unknown key '%1'%2</source>
        <translation>clave desconocida «%1»%2</translation>
    </message>
    <message>
        <source>must be one of: %1</source>
        <translation>debe ser uno de: %1</translation>
    </message>
    <message>
        <source>has the wrong format</source>
        <translation>tiene un formato incorrecto</translation>
    </message>
    <message>
        <source>has the wrong format (expected to match %1)</source>
        <translation>tiene un formato incorrecto (debe coincidir con %1)</translation>
    </message>
    <message>
        <source>the schema is invalid: %1</source>
        <translation>el esquema no es válido: %1</translation>
    </message>
    <message>
        <source>validation failed: %1</source>
        <translation>falló la validación: %1</translation>
    </message>
    <message>
        <source>unknown error while reading the schema</source>
        <translation>error desconocido al leer el esquema</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>smollama – %1</source>
        <translation>smollama – %1</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>Salidas</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Plugins</source>
        <translation>Plugins</translation>
    </message>
    <message>
        <source>Light theme</source>
        <translation>Tema claro</translation>
    </message>
    <message>
        <source>Dark theme</source>
        <translation>Tema oscuro</translation>
    </message>
    <message>
        <source>Safe mode: only builtin plugins are loaded (%1).</source>
        <translation>Modo seguro: solo se cargan los plugins integrados (%1).</translation>
    </message>
    <message>
        <source>%1 (%2) does not answer: %3. The values shown are old; trying again.</source>
        <translation>%1 (%2) no responde: %3. Los valores mostrados son antiguos; se vuelve a intentar.</translation>
    </message>
    <message>
        <source>Fleet</source>
        <translation>Flota</translation>
    </message>
</context>
<context>
    <name>ModbusPlugin</name>
    <message>
        <source>%1: the name '%2' cannot be part of a reading id; use lower-case letters, digits and '_', starting with a letter, such as 'voltage_l1'</source>
        <translation>%1: el nombre «%2» no puede formar parte de un id de lectura; use letras minúsculas, dígitos y «_», empezando por una letra, como «voltage_l1»</translation>
    </message>
    <message>
        <source>%1: sim_value is for simulated devices (sim: true); remove it</source>
        <translation>%1: sim_value es para dispositivos simulados (sim: true); quítelo</translation>
    </message>
    <message>
        <source>%1: a %2 is on or off; remove type '%3'</source>
        <translation>%1: un %2 está encendido o apagado; quite type «%3»</translation>
    </message>
    <message>
        <source>%1: a %2 is on or off; remove scale and offset</source>
        <translation>%1: un %2 está encendido o apagado; quite scale y offset</translation>
    </message>
    <message>
        <source>%1: scale 0 would make every value equal to the offset; use 1 for the raw value</source>
        <translation>%1: scale 0 haría que todos los valores fueran iguales al offset; use 1 para el valor en bruto</translation>
    </message>
    <message>
        <source>%1: %2s are read-only in Modbus; only holding registers and coils can be writable (remove writable, or use table: %3)</source>
        <translation>%1: los elementos de tipo %2 son de solo lectura en Modbus; solo los holding registers y las coils pueden ser escribibles (quite writable o use table: %3)</translation>
    </message>
    <message>
        <source>%1: sim_value: %2</source>
        <translation>%1: sim_value: %2</translation>
    </message>
    <message>
        <source>%1: a %2 at address %3 needs two registers and runs past the last address 65535</source>
        <translation>%1: un %2 en la dirección %3 necesita dos registros y sobrepasa la última dirección 65535</translation>
    </message>
    <message>
        <source>%1: the name '%2' cannot be part of a reading id; use lower-case letters, digits and '_', starting with a letter, such as 'meter'</source>
        <translation>%1: el nombre «%2» no puede formar parte de un id de lectura; use letras minúsculas, dígitos y «_», empezando por una letra, como «meter»</translation>
    </message>
    <message>
        <source>%1: give exactly one of tcp: "host:port" (Modbus TCP), rtu: {port: /dev/ttyUSB0, ...} (serial) or sim: true (simulated)%2</source>
        <translation>%1: indique exactamente uno de tcp: "host:port" (Modbus TCP), rtu: {port: /dev/ttyUSB0, ...} (serie) o sim: true (simulado)%2</translation>
    </message>
    <message>
        <source>, not several</source>
        <translation>, no varios</translation>
    </message>
    <message>
        <source>%1: tcp '%2' is not "host:port"; write e.g. "192.168.1.50:502" or "meter.local:502"</source>
        <translation>%1: tcp «%2» no es "host:port"; escriba p. ej. "192.168.1.50:502" o "meter.local:502"</translation>
    </message>
    <message>
        <source>%1: rtu.port is missing; give the serial device such as /dev/ttyUSB0</source>
        <translation>%1: falta rtu.port; indique el dispositivo serie, como /dev/ttyUSB0</translation>
    </message>
    <message>
        <source>%1: interval_s %2 is more than twice the instance's interval_s %3, so its readings would show as stale between two polls; raise the interval_s at the top of the modbus config to at least %4</source>
        <translation>%1: interval_s %2 es más del doble del interval_s %3 de la instancia, así que sus lecturas aparecerían como obsoletas entre dos consultas; aumente el interval_s del principio de la configuración de modbus a al menos %4</translation>
    </message>
    <message>
        <source>%1: registers is empty; list what to read, e.g. {name: voltage, table: input, address: 0, type: float32}</source>
        <translation>%1: registers está vacío; indique qué leer, p. ej. {name: voltage, table: input, address: 0, type: float32}</translation>
    </message>
    <message>
        <source>%1.registers[%2]: the name '%3' is already used by registers[%4]; each register needs its own name</source>
        <translation>%1.registers[%2]: el nombre «%3» ya lo usa registers[%4]; cada registro necesita su propio nombre</translation>
    </message>
    <message>
        <source>%1: the name '%2' is already used by devices[%3]; each device needs its own name</source>
        <translation>%1: el nombre «%2» ya lo usa devices[%3]; cada dispositivo necesita su propio nombre</translation>
    </message>
    <message>
        <source>%1: %2 is also used by %3 with other settings (%4, timeout_ms %5); the devices of one serial line share its baud, parity, data_bits, stop_bits and timeout_ms</source>
        <translation>%1: %3 también usa %2 con otros ajustes (%4, timeout_ms %5); los dispositivos de una línea serie comparten su baud, parity, data_bits, stop_bits y timeout_ms</translation>
    </message>
    <message>
        <source>%1: unit_id %2 on %3 is already used by %4; each device on a serial line needs its own unit id</source>
        <translation>%1: %4 ya usa unit_id %2 en %3; cada dispositivo de una línea serie necesita su propio unit id</translation>
    </message>
    <message>
        <source>%1.registers[%2] (%3): its reading id '%4' is also the id of %5; rename the device or the register</source>
        <translation>%1.registers[%2] (%3): su id de lectura «%4» es también el id de %5; cambie el nombre del dispositivo o del registro</translation>
    </message>
    <message>
        <source>a coil is on or off: give true/false, 1/0 or "on"/"off"</source>
        <translation>una coil está encendida o apagada: indique true/false, 1/0 o "on"/"off"</translation>
    </message>
    <message>
        <source>'%1' is not a number</source>
        <translation>«%1» no es un número</translation>
    </message>
    <message>
        <source>a %1 register takes a number</source>
        <translation>un registro %1 admite un número</translation>
    </message>
    <message>
        <source>%1 is out of range for a float32</source>
        <translation>%1 está fuera del rango de un float32</translation>
    </message>
    <message>
        <source>%1 is out of range: %2 holds %3 to %4%5</source>
        <translation>%1 está fuera de rango: %2 admite de %3 a %4%5</translation>
    </message>
    <message>
        <source> (after scale %1 and offset %2)</source>
        <translation> (tras scale %1 y offset %2)</translation>
    </message>
    <message>
        <source>waiting for the first answer from %1 (%2)</source>
        <translation>esperando la primera respuesta de %1 (%2)</translation>
    </message>
    <message>
        <source>no answer from %1 within %2 ms while connecting</source>
        <translation>sin respuesta de %1 en %2 ms al conectar</translation>
    </message>
    <message>
        <source>closed by the other side</source>
        <translation>cerrada por el otro extremo</translation>
    </message>
    <message>
        <source>connection to %1 (%2) lost: %3</source>
        <translation>se perdió la conexión con %1 (%2): %3</translation>
    </message>
    <message>
        <source>cannot connect to %1 at %2: %3</source>
        <translation>no se puede conectar con %1 en %2: %3</translation>
    </message>
    <message>
        <source>cannot open the serial port %1 for %2: %3</source>
        <translation>no se puede abrir el puerto serie %1 para %2: %3</translation>
    </message>
    <message>
        <source>illegal data address %1: the device has no such register; check the address (0-based) and table in its manual</source>
        <translation>dirección de datos no válida %1: el dispositivo no tiene ese registro; compruebe la dirección (empezando en 0) y la tabla en su manual</translation>
    </message>
    <message>
        <source>illegal function for %1: the device does not support reading this table</source>
        <translation>función no válida para %1: el dispositivo no admite leer esta tabla</translation>
    </message>
    <message>
        <source>no answer from %1 within %2 ms</source>
        <translation>sin respuesta de %1 en %2 ms</translation>
    </message>
    <message>
        <source>%1 answered with %2 values instead of %3</source>
        <translation>%1 respondió con %2 valores en lugar de %3</translation>
    </message>
    <message>
        <source>%1 reports no value (not a number) at %2</source>
        <translation>%1 no da ningún valor (no es un número) en %2</translation>
    </message>
    <message>
        <source>reading %1 failed: %2</source>
        <translation>falló la lectura de %1: %2</translation>
    </message>
    <message>
        <source>no answer to %1 polls in a row</source>
        <translation>sin respuesta a %1 consultas seguidas</translation>
    </message>
    <message>
        <source>%1 is not connected (%2)</source>
        <translation>%1 no está conectado (%2)</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>conectando</translation>
    </message>
    <message>
        <source>the write to %1 could not be sent: %2</source>
        <translation>no se pudo enviar la escritura a %1: %2</translation>
    </message>
    <message>
        <source>%1 refused the write: %2</source>
        <translation>%1 rechazó la escritura: %2</translation>
    </message>
    <message>
        <source>writing to %1 failed: %2</source>
        <translation>falló la escritura en %1: %2</translation>
    </message>
    <message>
        <source>QtSerialBus does not work here: its Modbus clients do not start unconnected; reinstall libqt6serialbus6</source>
        <translation>QtSerialBus no funciona aquí: sus clientes Modbus no empiezan desconectados; reinstale libqt6serialbus6</translation>
    </message>
    <message>
        <source>%1: the serial port %2 does not exist; plug the RS-485 adapter in and check the name with ls /dev/ttyUSB* /dev/ttyAMA* /dev/serial/by-id/</source>
        <translation>%1: el puerto serie %2 no existe; conecte el adaptador RS-485 y compruebe el nombre con ls /dev/ttyUSB* /dev/ttyAMA* /dev/serial/by-id/</translation>
    </message>
    <message>
        <source>%1: no permission to open the serial port %2; add the user smollama runs as to the dialout group (sudo usermod -aG dialout $USER, then log in again)</source>
        <translation>%1: sin permiso para abrir el puerto serie %2; añada el usuario con el que se ejecuta smollama al grupo dialout (sudo usermod -aG dialout $USER y vuelva a iniciar sesión)</translation>
    </message>
    <message>
        <source>checking the Modbus configuration failed unexpectedly</source>
        <translation>la comprobación de la configuración de Modbus falló inesperadamente</translation>
    </message>
    <message>
        <source>setting up the Modbus devices failed unexpectedly</source>
        <translation>la configuración de los dispositivos Modbus falló inesperadamente</translation>
    </message>
    <message>
        <source>no Modbus device named '%1'; the devices are: %2</source>
        <translation>no hay ningún dispositivo Modbus llamado «%1»; los dispositivos son: %2</translation>
    </message>
    <message>
        <source>device '%1' has no register named '%2'; writable registers: %3</source>
        <translation>el dispositivo «%1» no tiene ningún registro llamado «%2»; registros escribibles: %3</translation>
    </message>
    <message>
        <source>%1 %2 (%3) is read-only: %4s cannot be written in Modbus; writable registers: %5</source>
        <translation>%1 %2 (%3) es de solo lectura: los elementos de tipo %4 no se pueden escribir en Modbus; registros escribibles: %5</translation>
    </message>
    <message>
        <source>%1 %2 is not marked writable, so it is not written; if writing it is safe, add writable: true to it in the config. Writable registers: %3</source>
        <translation>%1 %2 no está marcado como escribible, así que no se escribe; si escribirlo es seguro, añádale writable: true en la configuración. Registros escribibles: %3</translation>
    </message>
    <message>
        <source>cannot write %1 %2: %3</source>
        <translation>no se puede escribir %1 %2: %3</translation>
    </message>
</context>
<context>
    <name>NodeDirectory</name>
    <message>
        <source>%1 said it went offline at %2</source>
        <translation>%1 informó que se desconectó a las %2</translation>
    </message>
    <message>
        <source>nothing heard from it yet</source>
        <translation>aún no se ha sabido nada de él</translation>
    </message>
    <message>
        <source>nothing heard from it for %1 s (readings.node_offline_after_s: %2)</source>
        <translation>nada de él desde hace %1 s (readings.node_offline_after_s: %2)</translation>
    </message>
</context>
<context>
    <name>NodeRuntime</name>
    <message>
        <source>the process uses %1 MiB, %2 MiB more than when its start finished (%3 MiB): something keeps memory, such as a plugin that leaks. In-process plugins share the process's memory, so smollama cannot tell which one it is; see docs/resilience.md (a plugin that leaks memory)</source>
        <extracomment>%1, %2 and %3 are sizes in MiB</extracomment>
        <translation>el proceso usa %1 MiB, %2 MiB más que al terminar su arranque (%3 MiB): algo retiene memoria, como un plugin con fugas. Los plugins dentro del proceso comparten su memoria, así que smollama no puede saber cuál es; véase docs/resilience.md (un plugin con fugas de memoria)</translation>
    </message>
    <message numerus="yes">
        <source>%n agent rule(s) watch the readings</source>
        <translation>
            <numerusform>%n regla del agente vigila las lecturas</numerusform>
            <numerusform>%n reglas del agente vigilan las lecturas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OutputsPage</name>
    <message>
        <source>switching…</source>
        <translation>conmutando…</translation>
    </message>
    <message>
        <source>state unknown</source>
        <translation>estado desconocido</translation>
    </message>
    <message>
        <source>on</source>
        <translation>encendido</translation>
    </message>
    <message>
        <source>off</source>
        <translation>apagado</translation>
    </message>
    <message>
        <source>No switchable outputs. Configure output pins of the gpio plugin (mode: output) to switch them here.</source>
        <translation>No hay salidas conmutables. Configure pines de salida en el plugin gpio (mode: output) para conmutarlos aquí.</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>No sensors yet. Enable a sensor plugin in the configuration (plugins section) and restart smollama.</source>
        <translation>Aún no hay sensores. Active un plugin de sensor en la configuración (sección plugins) y reinicie smollama.</translation>
    </message>
    <message numerus="yes">
        <source>%n more below</source>
        <translation>
            <numerusform>%n más abajo</numerusform>
            <numerusform>%n más abajo</numerusform>
        </translation>
    </message>
    <message>
        <source>online</source>
        <translation>en línea</translation>
    </message>
    <message>
        <source>offline – values are old</source>
        <translation>sin conexión – valores antiguos</translation>
    </message>
    <message>
        <source>All nodes</source>
        <translation>Todos los nodos</translation>
    </message>
</context>
<context>
    <name>PluginHost</name>
    <message>
        <source>the plugin host %1 did not start within %2 s</source>
        <translation>el host de plugins %1 no arrancó en %2 s</translation>
    </message>
    <message>
        <source>the plugin host %1 %2 before it said hello</source>
        <translation>el host de plugins %1 %2 antes de saludar</translation>
    </message>
    <message>
        <source>the plugin host %1 speaks protocol %2, this smollama %3: install matching versions</source>
        <translation>el host de plugins %1 habla el protocolo %2 y este smollama el %3: instale versiones que coincidan</translation>
    </message>
    <message>
        <source>loading the library</source>
        <translation>la carga de la biblioteca</translation>
    </message>
    <message>
        <source>plugin host %1 while loading the library</source>
        <translation>host de plugins %1 al cargar la biblioteca</translation>
    </message>
    <message>
        <source>%1 did not finish within %2 s; the plugin host was stopped</source>
        <translation>%1 no terminó en %2 s; se detuvo el host de plugins</translation>
    </message>
    <message>
        <source>the plugin host is gone</source>
        <translation>el host de plugins ya no existe</translation>
    </message>
    <message>
        <source>not set up yet</source>
        <translation>aún no configurado</translation>
    </message>
    <message>
        <source>plugin host %1 during %2</source>
        <translation>host de plugins %1 durante %2</translation>
    </message>
    <message numerus="yes">
        <source>%1; %n crash(es) within 5 minutes: not started again until smollama restarts</source>
        <translation>
            <numerusform>%1; %n fallo en 5 minutos: no se vuelve a arrancar hasta que smollama se reinicie</numerusform>
            <numerusform>%1; %n fallos en 5 minutos: no se vuelve a arrancar hasta que smollama se reinicie</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1; started again in %2 s (%n crash(es) so far)</source>
        <translation>
            <numerusform>%1; se vuelve a arrancar en %2 s (%n fallo hasta ahora)</numerusform>
            <numerusform>%1; se vuelve a arrancar en %2 s (%n fallos hasta ahora)</numerusform>
        </translation>
    </message>
    <message>
        <source>setup() failed in the restarted plugin host: %1</source>
        <translation>setup() falló en el host de plugins reiniciado: %1</translation>
    </message>
    <message>
        <source>memory limit exceeded (%1 MiB &gt; %2 MiB, max_rss_mb)</source>
        <translation>límite de memoria superado (%1 MiB &gt; %2 MiB, max_rss_mb)</translation>
    </message>
    <message>
        <source>read #%1</source>
        <translation>la lectura n.º %1</translation>
    </message>
    <message>
        <source>a call of tool %1</source>
        <translation>una llamada a la herramienta %1</translation>
    </message>
    <message>
        <source>crashed (%1)</source>
        <extracomment>%1 is a signal name such as SIGSEGV</extracomment>
        <translation>falló (%1)</translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation>terminó con el código %1</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>terminó</translation>
    </message>
    <message>
        <source>it was never set up in its plugin host: restart smollama to set it up again</source>
        <translation>nunca se configuró en su host de plugins: reinicie smollama para configurarlo de nuevo</translation>
    </message>
    <message>
        <source>its plugin host has not given up: it runs, or is started again by itself</source>
        <translation>su host de plugins no se ha rendido: está en marcha o se vuelve a iniciar solo</translation>
    </message>
    <message>
        <source>its plugin host is being started again on request</source>
        <translation>su host de plugins se vuelve a iniciar a petición</translation>
    </message>
    <message>
        <source>plugin host %1 between calls</source>
        <extracomment>%1 is "crashed (SIGSEGV)" or "exited with code 3", %2 what it did ("read #3")</extracomment>
        <translation>host de plugins %1 entre dos llamadas</translation>
    </message>
</context>
<context>
    <name>PluginInstaller</name>
    <message>
        <source>cannot create a temporary folder: %1</source>
        <translation>no se puede crear una carpeta temporal: %1</translation>
    </message>
    <message>
        <source>Installing to %1</source>
        <translation>Instalando en %1</translation>
    </message>
    <message>
        <source>Cloning %1</source>
        <translation>Clonando %1</translation>
    </message>
    <message>
        <source>git is not installed: sudo apt-get install git</source>
        <translation>git no está instalado: sudo apt-get install git</translation>
    </message>
    <message>
        <source>cannot clone %1; nothing was installed:
%2</source>
        <translation>no se puede clonar %1; no se instaló nada:
%2</translation>
    </message>
    <message>
        <source>Checking out %1</source>
        <translation>Obteniendo %1</translation>
    </message>
    <message>
        <source>%1 has no branch, tag or commit '%2'; nothing was installed:
%3</source>
        <translation>%1 no tiene ninguna rama, etiqueta ni commit «%2»; no se instaló nada:
%3</translation>
    </message>
    <message>
        <source>--ref needs a git URL; %1 is a local path</source>
        <translation>--ref necesita una URL de git; %1 es una ruta local</translation>
    </message>
    <message>
        <source>%1 does not exist: give a git URL (https://, ssh://, git@host:path, file://, a path ending in .git), a plugin source folder, a folder with a built plugin or a .so file</source>
        <translation>%1 no existe: indique una URL de git (https://, ssh://, git@host:ruta, file://, una ruta terminada en .git), una carpeta con el código de un plugin, una carpeta con un plugin compilado o un archivo .so</translation>
    </message>
    <message>
        <source>Looking for a built plugin in %1</source>
        <translation>Buscando un plugin compilado en %1</translation>
    </message>
    <message>
        <source>the smollama plugin SDK (SmollamaConfig.cmake) is not at %1: install smollama's SDK, or point SMOLLAMA_SDK_DIR at its lib/cmake/Smollama folder</source>
        <translation>el SDK de plugins de smollama (SmollamaConfig.cmake) no está en %1: instale el SDK de smollama o haga que SMOLLAMA_SDK_DIR apunte a su carpeta lib/cmake/Smollama</translation>
    </message>
    <message>
        <source>cmake is not installed: sudo apt-get install cmake build-essential qt6-base-dev</source>
        <translation>cmake no está instalado: sudo apt-get install cmake build-essential qt6-base-dev</translation>
    </message>
    <message>
        <source>Configuring (CMake, against the SDK in %1)</source>
        <translation>Configurando (CMake, con el SDK de %1)</translation>
    </message>
    <message>
        <source>configuring %1 failed; nothing was installed:
%2</source>
        <translation>falló la configuración de %1; no se instaló nada:
%2</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>Compilando</translation>
    </message>
    <message>
        <source>building %1 failed; nothing was installed:
%2</source>
        <translation>falló la compilación de %1; no se instaló nada:
%2</translation>
    </message>
    <message>
        <source>no smollama plugin library (a .so with the %1 interface) was found in %2; nothing was installed</source>
        <translation>no se encontró ninguna biblioteca de plugin de smollama (un .so con la interfaz %1) en %2; no se instaló nada</translation>
    </message>
    <message>
        <source>%1 has several plugin libraries (%2): install them one by one; nothing was installed</source>
        <translation>%1 tiene varias bibliotecas de plugin (%2): instálelas una por una; no se instaló nada</translation>
    </message>
    <message>
        <source>Validating %1</source>
        <translation>Validando %1</translation>
    </message>
    <message>
        <source>%1 is not an installable plugin; nothing was installed:
    %2</source>
        <translation>%1 no es un plugin instalable; no se instaló nada:
    %2</translation>
    </message>
    <message>
        <source>the plugin's name '%1' is invalid; nothing was installed</source>
        <translation>el nombre del plugin «%1» no es válido; no se instaló nada</translation>
    </message>
    <message>
        <source>%1 now builds the plugin '%2', not '%3'; nothing was changed</source>
        <translation>%1 ahora compila el plugin «%2», no «%3»; no se cambió nada</translation>
    </message>
    <message>
        <source>Loading %1 %2 in a separate process</source>
        <translation>Cargando %1 %2 en un proceso aparte</translation>
    </message>
    <message>
        <source>the plugin did not finish loading within a minute; nothing was installed</source>
        <translation>el plugin no terminó de cargarse en un minuto; no se instaló nada</translation>
    </message>
    <message>
        <source>the plugin crashed when loaded (signal %1); nothing was installed</source>
        <translation>el plugin falló al cargarse (señal %1); no se instaló nada</translation>
    </message>
    <message>
        <source>the plugin cannot be loaded; nothing was installed:
%1</source>
        <translation>no se puede cargar el plugin; no se instaló nada:
%1</translation>
    </message>
    <message>
        <source>'%1' is the name of a builtin plugin; an installed copy would never be used. Rename the plugin (nothing was installed).</source>
        <translation>«%1» es el nombre de un plugin integrado; una copia instalada nunca se usaría. Cambie el nombre del plugin (no se instaló nada).</translation>
    </message>
    <message>
        <source>the plugin '%1' is already installed in %2%3; add --force to replace it (nothing was changed)</source>
        <translation>el plugin «%1» ya está instalado en %2%3; añada --force para reemplazarlo (no se cambió nada)</translation>
    </message>
    <message>
        <source> (version %1)</source>
        <translation> (versión %1)</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>no se puede crear %1</translation>
    </message>
    <message>
        <source>cannot write to %1: %2</source>
        <translation>no se puede escribir en %1: %2</translation>
    </message>
    <message>
        <source>cannot write to %1; nothing was installed</source>
        <translation>no se puede escribir en %1; no se instaló nada</translation>
    </message>
    <message>
        <source>cannot move the installed %1 aside; nothing was changed</source>
        <translation>no se puede apartar el %1 instalado; no se cambió nada</translation>
    </message>
    <message>
        <source>cannot move the new plugin into %1; nothing was changed</source>
        <translation>no se puede mover el plugin nuevo a %1; no se cambió nada</translation>
    </message>
    <message>
        <source>'%1' is not a plugin name</source>
        <translation>«%1» no es un nombre de plugin</translation>
    </message>
    <message>
        <source>'%1' is a builtin plugin and cannot be uninstalled; to turn it off set plugins.builtin.%1.enabled: false in the configuration</source>
        <translation>«%1» es un plugin integrado y no se puede desinstalar; para desactivarlo, ponga plugins.builtin.%1.enabled: false en la configuración</translation>
    </message>
    <message>
        <source>no plugin '%1' is installed in %2 (see smollama-cli plugin list)</source>
        <translation>no hay ningún plugin «%1» instalado en %2 (vea smollama-cli plugin list)</translation>
    </message>
    <message>
        <source>cannot remove %1 (permissions?)</source>
        <translation>no se puede eliminar %1 (¿permisos?)</translation>
    </message>
    <message>
        <source>its root object is not a Smollama::PluginFactory</source>
        <translation>su objeto raíz no es una Smollama::PluginFactory</translation>
    </message>
    <message>
        <source>PluginFactory::create() threw an exception</source>
        <translation>PluginFactory::create() lanzó una excepción</translation>
    </message>
    <message>
        <source>PluginFactory::create() returned no object</source>
        <translation>PluginFactory::create() no devolvió ningún objeto</translation>
    </message>
</context>
<context>
    <name>PluginManager</name>
    <message>
        <source>it carries no SDK stamp ("sdkVersion"): build it with smollama_add_plugin() from the smollama SDK %1</source>
        <translation>no lleva sello de SDK («sdkVersion»): compílelo con smollama_add_plugin() del SDK de smollama %1</translation>
    </message>
    <message>
        <source>its SDK stamp "%1" is malformed: rebuild it with smollama_add_plugin() from the smollama SDK %2</source>
        <translation>su sello de SDK «%1» está mal formado: vuelva a compilarlo con smollama_add_plugin() del SDK de smollama %2</translation>
    </message>
    <message>
        <source>built for SDK %1, this is %2: rebuild it against this SDK</source>
        <translation>compilado para el SDK %1, este es %2: vuelva a compilarlo con este SDK</translation>
    </message>
    <message>
        <source>built for SDK %1, newer than this smollama's SDK %2: upgrade smollama or rebuild the plugin against SDK %2</source>
        <translation>compilado para el SDK %1, más nuevo que el SDK %2 de este smollama: actualice smollama o vuelva a compilar el plugin con el SDK %2</translation>
    </message>
    <message>
        <source>"configSchema" is not a valid JSON Schema: %1</source>
        <translation>«configSchema» no es un JSON Schema válido: %1</translation>
    </message>
    <message>
        <source>no Qt plugin metadata found: it is not a Qt 6 plugin (a plugin built with Qt 5, or a plain library); rebuild it with smollama_add_plugin() against Qt %1</source>
        <translation>no se encontraron metadatos de plugin de Qt: no es un plugin de Qt 6 (un plugin compilado con Qt 5 o una biblioteca normal); vuelva a compilarlo con smollama_add_plugin() para Qt %1</translation>
    </message>
    <message>
        <source>built for plugin interface %1, this smollama has %2: rebuild it against this SDK (%3)</source>
        <translation>compilado para la interfaz de plugin %1, este smollama tiene %2: vuelva a compilarlo con este SDK (%3)</translation>
    </message>
    <message>
        <source>not a smollama plugin (its interface is "%1", expected "%2")</source>
        <translation>no es un plugin de smollama (su interfaz es «%1», se esperaba «%2»)</translation>
    </message>
    <message>
        <source>built with Qt %1.%2, this smollama runs Qt %3: rebuild it against this Qt</source>
        <translation>compilado con Qt %1.%2, este smollama usa Qt %3: vuelva a compilarlo con este Qt</translation>
    </message>
    <message>
        <source>its manifest is missing: give Q_PLUGIN_METADATA a FILE with the plugin.json</source>
        <translation>falta su manifiesto: dé a Q_PLUGIN_METADATA un FILE con el plugin.json</translation>
    </message>
    <message>
        <source>invalid manifest: %1</source>
        <translation>manifiesto no válido: %1</translation>
    </message>
    <message>
        <source>%1 threw an exception: %2</source>
        <translation>%1 lanzó una excepción: %2</translation>
    </message>
    <message>
        <source>%1 threw an unknown exception</source>
        <translation>%1 lanzó una excepción desconocida</translation>
    </message>
    <message>
        <source>needs the shared library %1, which is not installed or not on the library path (install the package that provides it, e.g. find it with: apt-file search %1)</source>
        <translation>necesita la biblioteca compartida %1, que no está instalada o no está en la ruta de bibliotecas (instale el paquete que la proporciona; puede buscarlo con: apt-file search %1)</translation>
    </message>
    <message>
        <source>cannot be loaded: undefined symbol %1; it was built against another version of smollama or of a library it uses: rebuild it</source>
        <translation>no se puede cargar: símbolo no definido %1; se compiló con otra versión de smollama o de una biblioteca que usa: vuelva a compilarlo</translation>
    </message>
    <message>
        <source>cannot be loaded: %1</source>
        <translation>no se puede cargar: %1</translation>
    </message>
    <message>
        <source>a plugin named '%1' was already found at %2; that one is used, remove one of them</source>
        <translation>ya se encontró un plugin llamado «%1» en %2; se usa ese, elimine uno de los dos</translation>
    </message>
    <message>
        <source>not loaded: started with --noload %1</source>
        <translation>no cargado: se inició con --noload %1</translation>
    </message>
    <message>
        <source>safe mode: only builtin plugins run (%1); start with --load %2 to load it anyway</source>
        <translation>modo seguro: solo se ejecutan los plugins integrados (%1); inicie con --load %2 para cargarlo de todos modos</translation>
    </message>
    <message>
        <source>instance name '%1' is already used by %2%3; rename one of them</source>
        <translation>el nombre de instancia «%1» ya lo usa %2%3; cambie el nombre de una de las dos</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>disabled in the configuration (%1.enabled: false)</source>
        <translation>desactivado en la configuración (%1.enabled: false)</translation>
    </message>
    <message>
        <source>; no plugin named '%1' is installed</source>
        <translation>; no hay instalado ningún plugin llamado «%1»</translation>
    </message>
    <message>
        <source>no plugin named '%1' was found (searched %2); install it with `smollama-cli plugin install`, or fix the module name%3</source>
        <translation>no se encontró ningún plugin llamado «%1» (se buscó en %2); instálelo con `smollama-cli plugin install` o corrija el nombre del módulo%3</translation>
    </message>
    <message>
        <source> at %1</source>
        <translation> en %1</translation>
    </message>
    <message>
        <source>not enabled in the configuration: add plugins.builtin.%1: {enabled: true}</source>
        <translation>no activado en la configuración: añada plugins.builtin.%1: {enabled: true}</translation>
    </message>
    <message>
        <source>installed but not configured: add {name: %1, module: %1} to plugins.custom</source>
        <translation>instalado pero no configurado: añada {name: %1, module: %1} a plugins.custom</translation>
    </message>
    <message>
        <source>its root object does not implement %1: declare Q_INTERFACES(Smollama::PluginFactory) in the factory</source>
        <translation>su objeto raíz no implementa %1: declare Q_INTERFACES(Smollama::PluginFactory) en la factoría</translation>
    </message>
    <message>
        <source>its factory created no instance (create() returned null)</source>
        <translation>su factoría no creó ninguna instancia (create() devolvió null)</translation>
    </message>
    <message>
        <source>Smollama::ReadingProvider (it declares type "sensor")</source>
        <translation>Smollama::ReadingProvider (declara el tipo «sensor»)</translation>
    </message>
    <message>
        <source>Smollama::ToolProvider (it declares type "tool")</source>
        <translation>Smollama::ToolProvider (declara el tipo «tool»)</translation>
    </message>
    <message>
        <source>its instance object does not implement %1: add it to Q_INTERFACES</source>
        <translation>su objeto de instancia no implementa %1: añádalo a Q_INTERFACES</translation>
    </message>
    <message>
        <source>setup() did not finish within %1 s; the instance was given up</source>
        <translation>setup() no terminó en %1 s; se abandonó la instancia</translation>
    </message>
    <message>
        <source>not ready: %1</source>
        <translation>no está listo: %1</translation>
    </message>
    <message>
        <source>setup() failed without a reason</source>
        <translation>setup() falló sin indicar el motivo</translation>
    </message>
    <message>
        <source>sources()/tools() did not return within %1 s</source>
        <translation>sources()/tools() no respondió en %1 s</translation>
    </message>
    <message>
        <source>reading source '%1' is already taken by instance '%2'</source>
        <translation>la fuente de lecturas «%1» ya la usa la instancia «%2»</translation>
    </message>
    <message>
        <source>tool '%1' is already provided by instance '%2'</source>
        <translation>la herramienta «%1» ya la proporciona la instancia «%2»</translation>
    </message>
    <message>
        <source>started with --safe-mode</source>
        <translation>se inició con --safe-mode</translation>
    </message>
    <message>
        <source>the last %1 starts did not finish</source>
        <translation>los últimos %1 inicios no terminaron</translation>
    </message>
    <message numerus="yes">
        <source>%1; %n failed attempt(s), next attempt at %2 (in %3 s)</source>
        <extracomment>%1 is why setup() failed, %2 a time of day (HH:mm:ss), %3 seconds</extracomment>
        <translation>
            <numerusform>%1; %n intento fallido, próximo intento a las %2 (en %3 s)</numerusform>
            <numerusform>%1; %n intentos fallidos, próximo intento a las %2 (en %3 s)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: the node offers no tools here</source>
        <translation>%1: el nodo no ofrece herramientas aquí</translation>
    </message>
    <message>
        <source>this node has no agent</source>
        <translation>este nodo no tiene agente</translation>
    </message>
    <message>
        <source>%1: the tools are not ready yet</source>
        <translation>%1: las herramientas aún no están listas</translation>
    </message>
    <message>
        <source>the agent is not ready yet</source>
        <translation>el agente aún no está listo</translation>
    </message>
    <message>
        <source>the agent has too many questions waiting</source>
        <translation>el agente tiene demasiadas preguntas en espera</translation>
    </message>
    <message>
        <source>the builtin plugin '%1' is not installed (searched %2): install the package smollama-plugin-%1 (sudo apt install smollama-plugin-%1), or set %3.enabled: false</source>
        <translation>el plugin incluido '%1' no está instalado (se buscó en %2): instale el paquete smollama-plugin-%1 (sudo apt install smollama-plugin-%1) o ponga %3.enabled: false</translation>
    </message>
    <message>
        <source>the first read</source>
        <translation>la primera lectura</translation>
    </message>
    <message>
        <source>read #%1</source>
        <translation>la lectura n.º %1</translation>
    </message>
    <message>
        <source>a tool call</source>
        <translation>una llamada a una herramienta</translation>
    </message>
    <message>
        <source>work on a thread of its own</source>
        <translation>trabajo en un hilo propio</translation>
    </message>
    <message numerus="yes">
        <source> (%1, %n crash(es) so far)</source>
        <extracomment>%1 is a signal name such as SIGSEGV</extracomment>
        <translation>
            <numerusform> (%1, %n fallo hasta ahora)</numerusform>
            <numerusform> (%1, %n fallos hasta ahora)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%n crash(es) so far)</source>
        <translation>
            <numerusform> (%n fallo hasta ahora)</numerusform>
            <numerusform> (%n fallos hasta ahora)</numerusform>
        </translation>
    </message>
    <message>
        <source>crashed during %1 on %2%3; it is skipped until `smollama-cli plugin enable %4` (or start with --no-crashcheck)</source>
        <translation>falló durante %1 el %2%3; se omite hasta `smollama-cli plugin enable %4` (o arrancar con --no-crashcheck)</translation>
    </message>
    <message>
        <source>a call of tool %1 has not returned for %2 s; the instance's other calls wait behind it</source>
        <extracomment>%1 is a tool name, %2 seconds</extracomment>
        <translation>una llamada a la herramienta %1 no ha vuelto en %2 s; las demás llamadas de la instancia esperan detrás</translation>
    </message>
    <message>
        <source>plugin instance %1 is still busy with a call of tool %2 that has not returned since %3; its calls run one at a time on its own thread, so this one was not made</source>
        <extracomment>%1 an instance, %2 a tool name, %3 a time of day</extracomment>
        <translation>la instancia %1 sigue ocupada con una llamada a la herramienta %2 que no ha vuelto desde las %3; sus llamadas se ejecutan de una en una en su propio hilo, así que esta no se hizo</translation>
    </message>
    <message>
        <source>%1 is not a usable smollama plugin: %2</source>
        <translation>%1 no es un plugin de smollama utilizable: %2</translation>
    </message>
    <message>
        <source>Smollama::ReadingSink (it declares type "sink")</source>
        <translation>Smollama::ReadingSink (declara el tipo "sink")</translation>
    </message>
    <message>
        <source>setting up since %1</source>
        <translation>configurándose desde las %1</translation>
    </message>
    <message numerus="yes">
        <source>Plugin instance %1 publishes more than %2 readings/s; %n reading(s) dropped since the last report (limit: readings.max_readings_per_s)</source>
        <translation>
            <numerusform>La instancia de plugin %1 publica más de %2 lecturas/s; %n lectura descartada desde el último aviso (límite: readings.max_readings_per_s)</numerusform>
            <numerusform>La instancia de plugin %1 publica más de %2 lecturas/s; %n lecturas descartadas desde el último aviso (límite: readings.max_readings_per_s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Loaded %1 (%2 %3) after %n failed setup attempt(s)</source>
        <translation>
            <numerusform>%1 (%2 %3) cargado tras %n intento de configuración fallido</numerusform>
            <numerusform>%1 (%2 %3) cargado tras %n intentos de configuración fallidos</numerusform>
        </translation>
    </message>
    <message>
        <source>isolation: process needs the program smollama-plugin-host, which was not found (looked for %1); reinstall smollama or set isolation: inprocess</source>
        <translation>isolation: process necesita el programa smollama-plugin-host, que no se encontró (buscado en: %1); reinstale smollama o ponga isolation: inprocess</translation>
    </message>
    <message>
        <source>there is no plugin instance named %1</source>
        <translation>no hay ninguna instancia de plugin llamada %1</translation>
    </message>
    <message>
        <source>%1 runs in smollama's process, not in a plugin host: restart smollama to set it up again</source>
        <translation>%1 se ejecuta en el proceso de smollama, no en un host de plugins: reinicie smollama para configurarlo de nuevo</translation>
    </message>
    <message>
        <source>%1 has no plugin host that gave up (it is %2)</source>
        <translation>%1 no tiene un host de plugins que se haya rendido (estado: %2)</translation>
    </message>
</context>
<context>
    <name>PluginsPage</name>
    <message>
        <source>version %1 · %2</source>
        <translation>versión %1 · %2</translation>
    </message>
    <message>
        <source>unknown author</source>
        <translation>autor desconocido</translation>
    </message>
    <message>
        <source>No plugins found.</source>
        <translation>No se encontraron plugins.</translation>
    </message>
</context>
<context>
    <name>ReadingManager</name>
    <message>
        <source>timed out after %1</source>
        <translation>se agotó el tiempo tras %1</translation>
    </message>
    <message>
        <source>read() has not returned for %1; the sensor or its bus hangs and its thread is blocked (the other sensors go on; it recovers by itself if the read ever returns)</source>
        <translation>read() no ha vuelto desde hace %1; el sensor o su bus está colgado y su hilo bloqueado (los demás sensores siguen; se recupera solo si la lectura llega a volver)</translation>
    </message>
    <message>
        <source>no new value for %1 (expected every %2)</source>
        <translation>ningún valor nuevo desde hace %1 (se esperaba cada %2)</translation>
    </message>
    <message>
        <source>read() threw an exception: %1</source>
        <translation>read() lanzó una excepción: %1</translation>
    </message>
    <message>
        <source>read() threw an unknown exception</source>
        <translation>read() lanzó una excepción desconocida</translation>
    </message>
    <message numerus="yes">
        <source>%n reads failed in a row: %1; polling every %2 (normally %3) until a read succeeds</source>
        <extracomment>%1 is the last error, %2 and %3 are durations such as "20 s"</extracomment>
        <translation>
            <numerusform>%n lectura fallida seguida: %1; se consulta cada %2 (normalmente %3) hasta que una lectura funcione</numerusform>
            <numerusform>%n lecturas fallidas seguidas: %1; se consulta cada %2 (normalmente %3) hasta que una lectura funcione</numerusform>
        </translation>
    </message>
    <message>
        <source>read() timed out after %1</source>
        <translation>read(): se agotó el tiempo tras %1</translation>
    </message>
    <message>
        <source>node %1 is offline: %2</source>
        <extracomment>%1 is a node name, %2 why it counts as offline</extracomment>
        <translation>el nodo %1 está desconectado: %2</translation>
    </message>
</context>
<context>
    <name>ReadingTile</name>
    <message>
        <source>stale</source>
        <translation>obsoleto</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>esperando</translation>
    </message>
</context>
<context>
    <name>RemoteNode</name>
    <message>
        <source>the node wants its API token (--token-file)</source>
        <translation>el nodo pide su token de la API (--token-file)</translation>
    </message>
    <message>
        <source>the node closed the event stream</source>
        <translation>el nodo cerró el flujo de eventos</translation>
    </message>
    <message>
        <source>%1 at %2 is online</source>
        <translation>%1 en %2 está en línea</translation>
    </message>
    <message>
        <source>%1 at %2 is offline: %3</source>
        <translation>%1 en %2 está desconectado: %3</translation>
    </message>
    <message>
        <source>node offline: %1</source>
        <translation>nodo desconectado: %1</translation>
    </message>
</context>
<context>
    <name>RuleEngine</name>
    <message>
        <source>expected an object {name, when, for, cooldown, prompt}</source>
        <translation>se esperaba un objeto {name, when, for, cooldown, prompt}</translation>
    </message>
    <message>
        <source>name: missing; give every rule a name</source>
        <translation>name: falta; dé un nombre a cada regla</translation>
    </message>
    <message>
        <source>name: '%1' is used by an earlier rule</source>
        <translation>name: «%1» ya lo usa una regla anterior</translation>
    </message>
    <message>
        <source>when: expected "&lt;source&gt; &lt;op&gt; &lt;value&gt;" such as "system:cpu_temp &gt; 70" (op: &gt; &lt; &gt;= &lt;= == !=), got '%1'</source>
        <translation>when: se esperaba «&lt;fuente&gt; &lt;op&gt; &lt;valor&gt;», como «system:cpu_temp &gt; 70» (op: &gt; &lt; &gt;= &lt;= == !=), se obtuvo «%1»</translation>
    </message>
    <message>
        <source>when: a boolean compares only with == or !=, got '%1'</source>
        <translation>when: un booleano solo se compara con == o !=, se obtuvo «%1»</translation>
    </message>
    <message>
        <source>when: '%1' is neither a number nor true/false</source>
        <translation>when: «%1» no es un número ni true/false</translation>
    </message>
    <message>
        <source>for: expected a duration such as "30s" or "5m"</source>
        <translation>for: se esperaba una duración como «30s» o «5m»</translation>
    </message>
    <message>
        <source>cooldown: expected a duration such as "10m"</source>
        <translation>cooldown: se esperaba una duración como «10m»</translation>
    </message>
    <message>
        <source>prompt: missing; say what the agent should do when the rule fires</source>
        <translation>prompt: falta; indique qué debe hacer el agente cuando se dispare la regla</translation>
    </message>
</context>
<context>
    <name>Smollama::Agent</name>
    <message>
        <source>busy: %1 questions are already waiting in conversation '%2'; ask again when one is answered</source>
        <translation>ocupado: ya hay %1 preguntas esperando en la conversación «%2»; vuelva a preguntar cuando se haya respondido alguna</translation>
    </message>
    <message>
        <source>the question was canceled</source>
        <translation>se canceló la pregunta</translation>
    </message>
    <message>
        <source>no answer after %1 rounds of tool calls (agent.max_tool_iterations); the model kept calling tools</source>
        <translation>no hubo respuesta tras %1 rondas de llamadas a herramientas (agent.max_tool_iterations); el modelo siguió llamando a herramientas</translation>
    </message>
</context>
<context>
    <name>Smollama::ConversationModel</name>
    <message>
        <source>Stopped.</source>
        <translation>Detenido.</translation>
    </message>
    <message>
        <source>The agent is not running.</source>
        <translation>El agente no está en ejecución.</translation>
    </message>
    <message>
        <source>The model %1 cannot use tools; choose another in ollama.model.</source>
        <translation>El modelo %1 no puede usar herramientas; elija otro en ollama.model.</translation>
    </message>
    <message>
        <source>Ollama %1, model %2</source>
        <translation>Ollama %1, modelo %2</translation>
    </message>
</context>
<context>
    <name>Smollama::Dashboard</name>
    <message>
        <source>on</source>
        <translation>encendido</translation>
    </message>
    <message>
        <source>off</source>
        <translation>apagado</translation>
    </message>
</context>
<context>
    <name>Smollama::FleetModel</name>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>ahora mismo</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>hace %1</translation>
    </message>
</context>
<context>
    <name>Smollama::HistoryStore</name>
    <message>
        <source>smollama keeps running without persistence (the history of this run is kept in memory only).</source>
        <translation>smollama sigue funcionando sin persistencia (el historial de esta ejecución solo se guarda en memoria).</translation>
    </message>
    <message>
        <source>The readings history database %1 is damaged or not a SQLite database (%2, while %3). Move it away to start a new history (mv %1 %1.broken) and restart smollama; %4</source>
        <translation>La base de datos del historial de lecturas %1 está dañada o no es una base de datos SQLite (%2, al %3). Muévala para empezar un historial nuevo (mv %1 %1.broken) y reinicie smollama; %4</translation>
    </message>
    <message>
        <source>The readings history database %1 is locked by another program (%2, while %3). Close that program (sqlite3, a backup tool, a second smollama) and restart smollama, or move the file away to start a new history; %4</source>
        <translation>La base de datos del historial de lecturas %1 está bloqueada por otro programa (%2, al %3). Cierre ese programa (sqlite3, una herramienta de copias de seguridad, un segundo smollama) y reinicie smollama, o mueva el archivo para empezar un historial nuevo; %4</translation>
    </message>
    <message>
        <source>The readings history database %1 was written by a newer smollama (%2). Update smollama, or move the file away to start a new history; %3</source>
        <translation>La base de datos del historial de lecturas %1 la escribió un smollama más nuevo (%2). Actualice smollama o mueva el archivo para empezar un historial nuevo; %3</translation>
    </message>
    <message>
        <source>The readings history database %1 cannot be used (%2, while %3). Check the path and its permissions (history.database), or move the file away to start a new history; %4</source>
        <translation>No se puede usar la base de datos del historial de lecturas %1 (%2, al %3). Compruebe la ruta y sus permisos (history.database) o mueva el archivo para empezar un historial nuevo; %4</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>no se puede crear la carpeta %1</translation>
    </message>
    <message>
        <source>creating its folder</source>
        <translation>crear su carpeta</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>es una carpeta</translation>
    </message>
    <message>
        <source>opening it</source>
        <translation>abrirla</translation>
    </message>
    <message>
        <source>Qt's SQLite driver QSQLITE is missing; install libqt6sql6-sqlite</source>
        <translation>falta el controlador SQLite de Qt QSQLITE; instale libqt6sql6-sqlite</translation>
    </message>
    <message>
        <source>loading the database driver</source>
        <translation>cargar el controlador de la base de datos</translation>
    </message>
    <message>
        <source>switching it to WAL mode</source>
        <translation>pasarla al modo WAL</translation>
    </message>
    <message>
        <source>setting synchronous mode</source>
        <translation>fijar el modo synchronous</translation>
    </message>
    <message>
        <source>checking it (PRAGMA quick_check)</source>
        <translation>comprobarla (PRAGMA quick_check)</translation>
    </message>
    <message>
        <source>quick_check says: %1</source>
        <translation>quick_check dice: %1</translation>
    </message>
    <message>
        <source>reading its version</source>
        <translation>leer su versión</translation>
    </message>
    <message>
        <source>schema version %1, this smollama knows up to %2</source>
        <translation>versión de esquema %1, este smollama conoce hasta la %2</translation>
    </message>
    <message>
        <source>creating its tables</source>
        <translation>crear sus tablas</translation>
    </message>
    <message>
        <source>locking it for writing</source>
        <translation>bloquearla para escribir</translation>
    </message>
    <message>
        <source>preparing writes</source>
        <translation>preparar las escrituras</translation>
    </message>
    <message>
        <source>adding a source</source>
        <translation>añadir una fuente</translation>
    </message>
    <message>
        <source>looking up a source</source>
        <translation>buscar una fuente</translation>
    </message>
    <message>
        <source>writing samples</source>
        <translation>escribir muestras</translation>
    </message>
    <message>
        <source>deleting samples older than %1 days</source>
        <translation>borrar muestras de más de %1 días</translation>
    </message>
    <message>
        <source>loading the history</source>
        <translation>cargar el historial</translation>
    </message>
    <message>
        <source>Persistence is off (history.persist is false): the readings history is kept in memory only.</source>
        <translation>La persistencia está desactivada (history.persist es false): el historial de lecturas solo se guarda en memoria.</translation>
    </message>
    <message>
        <source>bringing its tables from version %1 to %2 (adding the node of each source)</source>
        <translation>al pasar sus tablas de la versión %1 a la %2 (cada fuente recibe su nodo)</translation>
    </message>
    <message>
        <source>reading the history of %1</source>
        <translation>al leer el historial de %1</translation>
    </message>
    <message>
        <source>setting its cache size</source>
        <translation>fijar su tamaño de caché</translation>
    </message>
    <message>
        <source>looking for samples the last run left in recent</source>
        <translation>buscar muestras que la última ejecución dejó en recent</translation>
    </message>
    <message>
        <source>moving the last minute's samples into place</source>
        <translation>mover a su sitio las muestras del último minuto</translation>
    </message>
</context>
<context>
    <name>Smollama::OllamaChatReply</name>
    <message>
        <source>Ollama is not reachable at %1 (no connection within %2 s) — start it with `ollama serve` or set ollama.host</source>
        <translation>Ollama no está accesible en %1 (sin conexión en %2 s): inícielo con `ollama serve` o defina ollama.host</translation>
    </message>
    <message>
        <source>Ollama at %1 sent nothing for %2 s; the model may still be loading on a slow machine: raise ollama.timeout_s or use a smaller model</source>
        <translation>Ollama en %1 no envió nada durante %2 s; puede que el modelo aún se esté cargando en una máquina lenta: aumente ollama.timeout_s o use un modelo más pequeño</translation>
    </message>
    <message>
        <source>the request to Ollama was canceled</source>
        <translation>se canceló la petición a Ollama</translation>
    </message>
    <message>
        <source>Ollama reported an error while answering: %1</source>
        <translation>Ollama informó de un error al responder: %1</translation>
    </message>
    <message>
        <source>Ollama is not reachable at %1 — start it with `ollama serve` or set ollama.host</source>
        <translation>Ollama no está accesible en %1: inícielo con `ollama serve` o defina ollama.host</translation>
    </message>
    <message>
        <source>the connection to Ollama at %1 was lost: %2</source>
        <translation>se perdió la conexión con Ollama en %1: %2</translation>
    </message>
    <message>
        <source>Ollama is not reachable at %1 (%2) — start it with `ollama serve` or set ollama.host</source>
        <translation>Ollama no está accesible en %1 (%2): inícielo con `ollama serve` o defina ollama.host</translation>
    </message>
    <message>
        <source>model '%1' is not installed: ollama pull %1 (Ollama said: %2)</source>
        <translation>el modelo «%1» no está instalado: ollama pull %1 (Ollama dijo: %2)</translation>
    </message>
    <message>
        <source>model '%1' does not support tools (Ollama said: %2); set ollama.model to a model that does</source>
        <translation>el modelo «%1» no admite herramientas (Ollama dijo: %2); defina en ollama.model un modelo que las admita</translation>
    </message>
    <message>
        <source>Ollama at %1 answered HTTP %2: %3</source>
        <translation>Ollama en %1 respondió HTTP %2: %3</translation>
    </message>
    <message>
        <source>Ollama's answer ended before it was complete (no "done": true); Ollama may have stopped or run out of memory</source>
        <translation>La respuesta de Ollama terminó antes de estar completa (sin "done": true); puede que Ollama se haya detenido o se haya quedado sin memoria</translation>
    </message>
</context>
<context>
    <name>Smollama::OllamaClient</name>
    <message>
        <source>Ollama is not reachable at %1 — start it with `ollama serve` or set ollama.host</source>
        <translation>Ollama no está accesible en %1: inícielo con `ollama serve` o defina ollama.host</translation>
    </message>
    <message>
        <source>Ollama at %1 answered HTTP %2 to %3: %4</source>
        <translation>Ollama en %1 respondió HTTP %2 a %3: %4</translation>
    </message>
    <message>
        <source>model '%1' is not installed: ollama pull %1</source>
        <translation>el modelo «%1» no está instalado: ollama pull %1</translation>
    </message>
</context>
<context>
    <name>Smollama::PluginsModel</name>
    <message>
        <source>degraded</source>
        <translation>degradado</translation>
    </message>
    <message>
        <source>stuck</source>
        <translation>bloqueado</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>activado</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>desactivado</translation>
    </message>
    <message>
        <source>missing dependencies</source>
        <translation>faltan dependencias</translation>
    </message>
    <message>
        <source>invalid configuration</source>
        <translation>configuración no válida</translation>
    </message>
    <message>
        <source>incompatible</source>
        <translation>incompatible</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallido</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>conflicto</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation>reintentando</translation>
    </message>
    <message>
        <source>loaded</source>
        <translation>cargado</translation>
    </message>
    <message>
        <source>restarting</source>
        <translation>reiniciando</translation>
    </message>
</context>
<context>
    <name>Smollama::ReadingsModel</name>
    <message>
        <source>node %1 is offline</source>
        <translation>el nodo %1 está sin conexión</translation>
    </message>
</context>
<context>
    <name>Smollama::RemoteAgent</name>
    <message>
        <source>Stopped.</source>
        <translation>Detenido.</translation>
    </message>
    <message>
        <source>%1 refused the API token: copy the file api-token from that node again into the --token-file (or dashboard.remotes token_file).</source>
        <translation>%1 rechazó el token de la API: copie de nuevo el archivo api-token de ese nodo en el --token-file (o token_file de dashboard.remotes).</translation>
    </message>
    <message>
        <source>%1 answers questions only with its API token: start with --token-file FILE (or token_file in dashboard.remotes), FILE holding the node's api-token.</source>
        <translation>%1 solo responde preguntas con su token de la API: inicie con --token-file ARCHIVO (o token_file en dashboard.remotes), con el api-token del nodo en ARCHIVO.</translation>
    </message>
    <message>
        <source>%1 did not take the question (HTTP %2): %3</source>
        <translation>%1 no aceptó la pregunta (HTTP %2): %3</translation>
    </message>
    <message numerus="yes">
        <source>%1 stopped answering (nothing for %n s); ask again when it is back.</source>
        <translation>
            <numerusform>%1 dejó de responder (nada durante %n s); pregunte de nuevo cuando vuelva.</numerusform>
            <numerusform>%1 dejó de responder (nada durante %n s); pregunte de nuevo cuando vuelva.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 cannot be reached (%2); ask again when it is back.</source>
        <translation>No se puede contactar con %1 (%2); pregunte de nuevo cuando vuelva.</translation>
    </message>
    <message>
        <source>%1 ended the answer before it was complete.</source>
        <translation>%1 terminó la respuesta antes de completarla.</translation>
    </message>
    <message>
        <source>%1 cannot be reached (%2)</source>
        <translation>No se puede contactar con %1 (%2)</translation>
    </message>
    <message>
        <source>%1 wants its API token (--token-file)</source>
        <translation>%1 pide su token de la API (--token-file)</translation>
    </message>
    <message>
        <source>%1 answers questions only with its API token (--token-file)</source>
        <translation>%1 solo responde preguntas con su token de la API (--token-file)</translation>
    </message>
    <message>
        <source>%1 is checking its Ollama</source>
        <translation>%1 está comprobando su Ollama</translation>
    </message>
    <message>
        <source>%1 cannot reach its Ollama</source>
        <translation>%1 no llega a su Ollama</translation>
    </message>
    <message>
        <source>%1: Ollama %2, model %3</source>
        <translation>%1: Ollama %2, modelo %3</translation>
    </message>
</context>
<context>
    <name>Smollama::RemoteOutputSource</name>
    <message>
        <source>%1 is offline: its outputs can be switched again once it answers.</source>
        <translation>%1 está desconectado: sus salidas se podrán conmutar de nuevo cuando responda.</translation>
    </message>
    <message>
        <source>Switching the outputs of %1 needs its API token: start with --token-file FILE (or token_file in dashboard.remotes), FILE holding the node's api-token.</source>
        <translation>Para conmutar las salidas de %1 hace falta su token de la API: inicie con --token-file ARCHIVO (o token_file en dashboard.remotes), con el api-token del nodo en ARCHIVO.</translation>
    </message>
    <message>
        <source>%1 refused the API token: copy the file api-token from that node again into the --token-file (or dashboard.remotes token_file).</source>
        <translation>%1 rechazó el token de la API: copie de nuevo el archivo api-token de ese nodo en el --token-file (o token_file de dashboard.remotes).</translation>
    </message>
</context>
<context>
    <name>Smollama::RemoteTools</name>
    <message>
        <source>%1 cannot be reached (%2)</source>
        <translation>No se puede contactar con %1 (%2)</translation>
    </message>
</context>
<context>
    <name>Smollama::ToolRegistry</name>
    <message>
        <source>tool name '%1' is invalid: use lower-case letters, digits and '_'</source>
        <translation>el nombre de herramienta «%1» no es válido: use letras minúsculas, dígitos y «_»</translation>
    </message>
    <message>
        <source>tool '%1' has no function to call</source>
        <translation>la herramienta «%1» no tiene ninguna función que llamar</translation>
    </message>
    <message>
        <source>tool '%1' has an invalid parameter schema: %2</source>
        <translation>la herramienta «%1» tiene un esquema de parámetros no válido: %2</translation>
    </message>
    <message>
        <source>tool '%1' of %2 is not registered: the name is already registered by %3</source>
        <translation>la herramienta «%1» de %2 no está registrada: %3 ya registró ese nombre</translation>
    </message>
    <message>
        <source>unknown tool '%1'%2; the tools are: %3</source>
        <translation>herramienta desconocida «%1»%2; las herramientas son: %3</translation>
    </message>
    <message>
        <source>invalid arguments for tool '%1' (the tool was not called):</source>
        <translation>argumentos no válidos para la herramienta «%1» (no se llamó a la herramienta):</translation>
    </message>
    <message>
        <source>arguments</source>
        <translation>argumentos</translation>
    </message>
    <message>
        <source>Call %1 again with arguments matching its parameters.</source>
        <translation>Vuelva a llamar a %1 con argumentos que coincidan con sus parámetros.</translation>
    </message>
    <message>
        <source>unknown tool '%1'</source>
        <translation>herramienta desconocida «%1»</translation>
    </message>
    <message>
        <source>tool %1 failed: it threw %2</source>
        <translation>la herramienta %1 falló: lanzó %2</translation>
    </message>
    <message>
        <source>tool %1 did not answer within %2 s</source>
        <translation>la herramienta %1 no respondió en %2 s</translation>
    </message>
    <message>
        <source>tool '%1' of %2 is not registered: %3 offers it too, and its parameters already use the name 'instance', which picks the instance</source>
        <translation>la herramienta '%1' de %2 no se registra: %3 también la ofrece, y sus parámetros ya usan el nombre 'instance', que elige la instancia</translation>
    </message>
    <message>
        <source>no instance '%1' offers tool '%2' any more; the instances are: %3</source>
        <translation>ninguna instancia '%1' ofrece ya la herramienta '%2'; las instancias son: %3</translation>
    </message>
    <message>
        <source>tool %1 was not called: %2</source>
        <translation>la herramienta %1 no se llamó: %2</translation>
    </message>
</context>
<context>
    <name>SmollamaCli</name>
    <message>
        <source>smollama-cli: ask needs a question, e.g. smollama-cli ask "How warm is the CPU?"</source>
        <translation>smollama-cli: ask necesita una pregunta, p. ej. smollama-cli ask "¿Qué temperatura tiene la CPU?"</translation>
    </message>
    <message>
        <source>Installed models that support tools: %1 (use --model NAME or set ollama.model)</source>
        <translation>Modelos instalados que admiten herramientas: %1 (use --model NAME o defina ollama.model)</translation>
    </message>
    <message>
        <source>Small models that support tools: %1 — e.g. ollama pull %2, then --model %2</source>
        <translation>Modelos pequeños que admiten herramientas: %1; p. ej. ollama pull %2 y luego --model %2</translation>
    </message>
    <message>
        <source>unknown option %1</source>
        <translation>opción desconocida %1</translation>
    </message>
    <message>
        <source>smollama-cli: %1 needs a subcommand</source>
        <translation>smollama-cli: %1 necesita una suborden</translation>
    </message>
    <message>
        <source>smollama-cli: unknown %1 subcommand '%2'</source>
        <translation>smollama-cli: suborden de %1 desconocida: «%2»</translation>
    </message>
    <message>
        <source>smollama-cli: the configuration %1 cannot be used:</source>
        <translation>smollama-cli: no se puede usar la configuración %1:</translation>
    </message>
    <message>
        <source>Fix it, or check it with: smollama-cli config check -c %1</source>
        <translation>Corríjala o compruébela con: smollama-cli config check -c %1</translation>
    </message>
    <message>
        <source>invalid config for plugin '%1': %2</source>
        <translation>configuración no válida para el plugin «%1»: %2</translation>
    </message>
    <message>
        <source>instance '%1' will not load: %2</source>
        <translation>la instancia «%1» no se cargará: %2</translation>
    </message>
    <message>
        <source>(no config file: defaults)</source>
        <translation>(sin archivo de configuración: valores predeterminados)</translation>
    </message>
    <message>
        <source>%1: OK</source>
        <translation>%1: correcto</translation>
    </message>
    <message numerus="yes">
        <source> (%n warning(s))</source>
        <translation>
            <numerusform> (%n aviso)</numerusform>
            <numerusform> (%n avisos)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n error(s)</source>
        <translation>
            <numerusform>%1: %n error</numerusform>
            <numerusform>%1: %n errores</numerusform>
        </translation>
    </message>
    <message>
        <source>smollama-cli: no translation for language '%1' (there are: %2); the messages stay in English</source>
        <translation>smollama-cli: no hay traducción para el idioma «%1» (hay: %2); los mensajes siguen en inglés</translation>
    </message>
    <message>
        <source>smollama-cli: %1</source>
        <translation>smollama-cli: %1</translation>
    </message>
    <message>
        <source>smollama-cli %1 (plugin SDK %2)</source>
        <translation>smollama-cli %1 (SDK de plugins %2)</translation>
    </message>
    <message>
        <source>smollama-cli: unknown command '%1'</source>
        <translation>smollama-cli: orden desconocida «%1»</translation>
    </message>
    <message>
        <source>author: %1</source>
        <translation>autor: %1</translation>
    </message>
    <message>
        <source>dependencies: %1</source>
        <translation>dependencias: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>builtin</source>
        <translation>integrado</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>personalizado</translation>
    </message>
    <message>
        <source>No plugins found. Searched: %1</source>
        <translation>No se encontraron plugins. Se buscó en: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s): %1</source>
        <translation>
            <numerusform>%n entrada: %1</numerusform>
            <numerusform>%n entradas: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Dry run: nothing was set up. "enabled" means the instance would load when smollama starts.</source>
        <translation>Simulación: no se configuró nada. «enabled» significa que la instancia se cargaría al iniciar smollama.</translation>
    </message>
    <message>
        <source>smollama-cli: plugin enable needs an instance name</source>
        <translation>smollama-cli: plugin enable necesita un nombre de instancia</translation>
    </message>
    <message>
        <source>%1 is no longer skipped after its crash; it loads at the next start of smollama (systemctl restart smollama).</source>
        <translation>%1 ya no se omite tras su fallo; se cargará en el próximo inicio de smollama (systemctl restart smollama).</translation>
    </message>
    <message>
        <source>%1 was not disabled by a crash.</source>
        <translation>%1 no fue desactivado por un fallo.</translation>
    </message>
    <message>
        <source>It is switched off in %1: set enabled: true for it there.</source>
        <translation>Está desactivado en %1: ponga enabled: true para él allí.</translation>
    </message>
    <message>
        <source>Note: %1 has no instance named %2.</source>
        <translation>Nota: %1 no tiene ninguna instancia llamada %2.</translation>
    </message>
    <message>
        <source>smollama-cli: plugin info needs a plugin name</source>
        <translation>smollama-cli: plugin info necesita un nombre de plugin</translation>
    </message>
    <message>
        <source>smollama-cli: no plugin named '%1' was found (searched: %2); see smollama-cli plugin list</source>
        <translation>smollama-cli: no se encontró ningún plugin llamado «%1» (se buscó en: %2); vea smollama-cli plugin list</translation>
    </message>
    <message>
        <source>description:</source>
        <translation>descripción:</translation>
    </message>
    <message>
        <source>author:</source>
        <translation>autor:</translation>
    </message>
    <message>
        <source>license:</source>
        <translation>licencia:</translation>
    </message>
    <message>
        <source>url:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>dependencies:</source>
        <translation>dependencias:</translation>
    </message>
    <message>
        <source>packages:</source>
        <translation>paquetes:</translation>
    </message>
    <message>
        <source>SDK:</source>
        <translation>SDK:</translation>
    </message>
    <message>
        <source>library:</source>
        <translation>biblioteca:</translation>
    </message>
    <message>
        <source>kind:</source>
        <translation>tipo:</translation>
    </message>
    <message>
        <source> (ref %1)</source>
        <translation> (ref %1)</translation>
    </message>
    <message>
        <source> commit %1</source>
        <translation> commit %1</translation>
    </message>
    <message>
        <source>installed from:</source>
        <translation>instalado desde:</translation>
    </message>
    <message>
        <source>installed at:</source>
        <translation>instalado el:</translation>
    </message>
    <message>
        <source>status:</source>
        <translation>estado:</translation>
    </message>
    <message>
        <source>(no instance)</source>
        <translation>(sin instancia)</translation>
    </message>
    <message>
        <source>Example configuration, with the defaults:</source>
        <translation>Configuración de ejemplo, con los valores predeterminados:</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>no se puede crear %1</translation>
    </message>
    <message>
        <source>The plugin needs the Debian packages %1 (dpkg-query is not available to check them).</source>
        <translation>El plugin necesita los paquetes de Debian %1 (dpkg-query no está disponible para comprobarlos).</translation>
    </message>
    <message>
        <source>Missing packages: %1. Install them with:</source>
        <translation>Faltan paquetes: %1. Instálelos con:</translation>
    </message>
    <message>
        <source>Note: %1 is not searched by default; add it to plugins.paths in the configuration or pass --plugin-path %1.</source>
        <translation>Nota: %1 no se busca por defecto; añádalo a plugins.paths en la configuración o pase --plugin-path %1.</translation>
    </message>
    <message>
        <source>To run it, add an instance to your configuration (%1):</source>
        <translation>Para ejecutarlo, añada una instancia a su configuración (%1):</translation>
    </message>
    <message>
        <source>or install with --enable to add it for you.</source>
        <translation>o instálelo con --enable para que se añada automáticamente.</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>no se puede leer %1: %2</translation>
    </message>
    <message>
        <source>%1 already has an instance '%2'; it was left as it is.</source>
        <translation>%1 ya tiene una instancia «%2»; se dejó como estaba.</translation>
    </message>
    <message>
        <source>Could not add the instance to %1 (%2). Add this yourself:</source>
        <translation>No se pudo añadir la instancia a %1 (%2). Añada esto usted mismo:</translation>
    </message>
    <message>
        <source>Could not add the instance to %1 safely. Add this yourself:</source>
        <translation>No se pudo añadir la instancia a %1 de forma segura. Añada esto usted mismo:</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>no se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>Enabled: added the instance '%1' to %2%3.</source>
        <translation>Activado: se añadió la instancia «%1» a %2%3.</translation>
    </message>
    <message>
        <source> (created)</source>
        <translation> (creado)</translation>
    </message>
    <message>
        <source>plugins: is written in flow style</source>
        <translation>plugins: está escrito en estilo de flujo</translation>
    </message>
    <message>
        <source>plugins.custom is written in flow style</source>
        <translation>plugins.custom está escrito en estilo de flujo</translation>
    </message>
    <message>
        <source>smollama-cli: plugin install needs a source: a git URL, a plugin source folder, a folder with a built plugin or a .so file</source>
        <translation>smollama-cli: plugin install necesita un origen: una URL de git, una carpeta con el código de un plugin, una carpeta con un plugin compilado o un archivo .so</translation>
    </message>
    <message>
        <source>smollama-cli: plugin upgrade needs a plugin name</source>
        <translation>smollama-cli: plugin upgrade necesita un nombre de plugin</translation>
    </message>
    <message>
        <source>'%1' was not installed with `smollama-cli plugin install` (no %2/origin.json): install it again from its source</source>
        <translation>«%1» no se instaló con `smollama-cli plugin install` (no hay %2/origin.json): vuelva a instalarlo desde su origen</translation>
    </message>
    <message>
        <source>'%1' was installed from a built library (%2): installing that again.</source>
        <translation>«%1» se instaló desde una biblioteca compilada (%2): se vuelve a instalar esa.</translation>
    </message>
    <message>
        <source>smollama-cli: plugin uninstall needs a plugin name</source>
        <translation>smollama-cli: plugin uninstall necesita un nombre de plugin</translation>
    </message>
    <message>
        <source>Uninstalled %1 (removed %2).</source>
        <translation>Desinstalado %1 (se eliminó %2).</translation>
    </message>
    <message>
        <source>The configuration %1 still has instances of it (%2): remove them, or they are reported as missing.</source>
        <translation>La configuración %1 aún tiene instancias suyas (%2): quítelas o se informará de que faltan.</translation>
    </message>
    <message>
        <source>smollama-cli: plugin new needs a name: smollama-cli plugin new my_sensor --type sensor</source>
        <translation>smollama-cli: plugin new necesita un nombre: smollama-cli plugin new my_sensor --type sensor</translation>
    </message>
    <message>
        <source>smollama-cli: '%1' is not a valid plugin name: use lower-case letters, digits and '_', starting with a letter (e.g. "greenhouse_temp")</source>
        <translation>smollama-cli: «%1» no es un nombre de plugin válido: use letras minúsculas, dígitos y «_», empezando por una letra (p. ej. "greenhouse_temp")</translation>
    </message>
    <message>
        <source>smollama-cli: --type must be sensor or tool, not '%1'</source>
        <translation>smollama-cli: --type debe ser sensor o tool, no «%1»</translation>
    </message>
    <message>
        <source>smollama-cli: %1 already exists; nothing was written. Choose another name or --dir.</source>
        <translation>smollama-cli: %1 ya existe; no se escribió nada. Elija otro nombre u otro --dir.</translation>
    </message>
    <message>
        <source>the template %1 is missing from this smollama-cli</source>
        <translation>falta la plantilla %1 en este smollama-cli</translation>
    </message>
    <message>
        <source>Created the %1 plugin '%2' in %3:</source>
        <translation>Se creó el plugin de tipo %1 «%2» en %3:</translation>
    </message>
    <message>
        <source>Build and test it:</source>
        <translation>Compílelo y pruébelo:</translation>
    </message>
    <message>
        <source>Install it and see it:</source>
        <translation>Instálelo y véalo:</translation>
    </message>
    <message>
        <source>SOURCE</source>
        <extracomment>Column header of smollama-cli readings, at most 28 characters</extracomment>
        <translation>FUENTE</translation>
    </message>
    <message>
        <source>VALUE</source>
        <extracomment>Column header of smollama-cli readings, at most 10 characters</extracomment>
        <translation>VALOR</translation>
    </message>
    <message>
        <source>UNIT</source>
        <extracomment>Column header of smollama-cli readings (the unit, e.g. °C), at most 5 characters</extracomment>
        <translation>UNID.</translation>
    </message>
    <message>
        <source>QUALITY</source>
        <extracomment>Column header of smollama-cli readings (ok, stale or error), at most 6 characters</extracomment>
        <translation>ESTADO</translation>
    </message>
    <message>
        <source>TIME</source>
        <extracomment>Column header of smollama-cli readings (the time of the reading)</extracomment>
        <translation>HORA</translation>
    </message>
    <message>
        <source>smollama-cli: readings takes no argument '%1'</source>
        <translation>smollama-cli: readings no admite el argumento «%1»</translation>
    </message>
    <message>
        <source>No readings: no sensor instance is running (see smollama-cli plugin list).</source>
        <translation>No hay lecturas: no se está ejecutando ninguna instancia de sensor (vea smollama-cli plugin list).</translation>
    </message>
    <message>
        <source>A plugin did not stop in time; exiting without waiting for it.</source>
        <translation>Un plugin no se detuvo a tiempo; se sale sin esperarlo.</translation>
    </message>
    <message>
        <source>Upgraded %1 %2 in %3</source>
        <translation>Actualizado %1 %2 en %3</translation>
    </message>
    <message>
        <source>Installed %1 %2 in %3</source>
        <translation>Instalado %1 %2 en %3</translation>
    </message>
    <message>
        <source>Asking the running smollama at </source>
        <translation>Preguntando al smollama en ejecución en </translation>
    </message>
    <message>
        <source>the running smollama at %1 did not take the question: %2</source>
        <translation>el smollama en ejecución en %1 no aceptó la pregunta: %2</translation>
    </message>
    <message>
        <source>The running smollama at %1 did not list its plugins (%2); showing the dry run instead.</source>
        <translation>El smollama en ejecución en %1 no listó sus plugins (%2); se muestra la simulación en su lugar.</translation>
    </message>
    <message>
        <source>not a list</source>
        <translation>no es una lista</translation>
    </message>
    <message>
        <source>The running smollama at %1 has no plugins.</source>
        <translation>El smollama en ejecución en %1 no tiene plugins.</translation>
    </message>
    <message>
        <source>From the running smollama at %1: statuses as they are now.</source>
        <translation>Del smollama en ejecución en %1: los estados actuales.</translation>
    </message>
    <message>
        <source>Live readings from the running smollama at %1 (Ctrl+C stops)</source>
        <translation>Lecturas en directo del smollama en ejecución en %1 (Ctrl+C para terminar)</translation>
    </message>
    <message>
        <source>The running smollama at %1 did not give its readings (%2); reading them here instead.</source>
        <translation>El smollama en ejecución en %1 no dio sus lecturas (%2); se leen aquí en su lugar.</translation>
    </message>
    <message>
        <source>No readings: the running smollama at %1 has no sensor running (see smollama-cli plugin list).</source>
        <translation>No hay lecturas: el smollama en ejecución en %1 no tiene ningún sensor en marcha (vea smollama-cli plugin list).</translation>
    </message>
    <message>
        <source>From the running smollama at %1.</source>
        <translation>Del smollama en ejecución en %1.</translation>
    </message>
    <message>
        <source>smollama-cli: status takes no argument '%1'</source>
        <translation>smollama-cli: status no admite el argumento «%1»</translation>
    </message>
    <message>
        <source>smollama %1 is running at %2</source>
        <translation>smollama %1 se está ejecutando en %2</translation>
    </message>
    <message>
        <source>status:   </source>
        <extracomment>A label of smollama-cli status: pad it with spaces to 10 characters so the values line up</extracomment>
        <translation>estado:   </translation>
    </message>
    <message>
        <source>node:     </source>
        <extracomment>A label of smollama-cli status: pad it with spaces to 10 characters so the values line up</extracomment>
        <translation>nodo:     </translation>
    </message>
    <message>
        <source>pid:      </source>
        <extracomment>A label of smollama-cli status: pad it with spaces to 10 characters so the values line up</extracomment>
        <translation>PID:      </translation>
    </message>
    <message>
        <source>uptime:   </source>
        <extracomment>A label of smollama-cli status: pad it with spaces to 10 characters so the values line up</extracomment>
        <translation>activo:   </translation>
    </message>
    <message>
        <source>plugins:  </source>
        <extracomment>A label of smollama-cli status: pad it with spaces to 10 characters so the values line up</extracomment>
        <translation>plugins:  </translation>
    </message>
    <message>
        <source>sources:  </source>
        <extracomment>A label of smollama-cli status: pad it with spaces to 10 characters so the values line up</extracomment>
        <translation>fuentes:  </translation>
    </message>
    <message>
        <source>safe mode: </source>
        <translation>modo seguro: </translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation>aún no comprobado</translation>
    </message>
    <message>
        <source>reachable</source>
        <translation>accesible</translation>
    </message>
    <message>
        <source>not reachable</source>
        <translation>no accesible</translation>
    </message>
    <message>
        <source>ollama:   </source>
        <extracomment>A label of smollama-cli status: pad it with spaces to 10 characters so the values line up</extracomment>
        <translation>Ollama:   </translation>
    </message>
    <message>
        <source>no answer at %1</source>
        <translation>sin respuesta en %1</translation>
    </message>
    <message>
        <source>smollama is not running (%1)</source>
        <translation>smollama no se está ejecutando (%1)</translation>
    </message>
    <message>
        <source>plugins (dry run): </source>
        <translation>plugins (simulación): </translation>
    </message>
    <message>
        <source>Start it with `smollama --headless` (or the desktop app); `smollama-cli plugin list` explains each plugin.</source>
        <translation>Inícielo con `smollama --headless` (o la aplicación de escritorio); `smollama-cli plugin list` explica cada plugin.</translation>
    </message>
    <message>
        <source> (%1, model %2)</source>
        <translation> (%1, modelo %2)</translation>
    </message>
    <message>
        <source>no instance in %1, and http.enabled is false or http.port is 0</source>
        <translation>no hay ninguna instancia en %1, y http.enabled es false o http.port es 0</translation>
    </message>
    <message>
        <source>smollama restarted while the stream was down: readings from that time are not shown</source>
        <translation>smollama se reinició mientras el flujo estaba cortado: no se muestran las lecturas de ese intervalo</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) of the gap are no longer kept by smollama (http.event_replay_size) and are not shown</source>
        <translation>
            <numerusform>smollama ya no conserva %n evento del intervalo (http.event_replay_size) y no se muestra</numerusform>
            <numerusform>smollama ya no conserva %n eventos del intervalo (http.event_replay_size) y no se muestran</numerusform>
        </translation>
    </message>
    <message>
        <source>smollama did not know where the stream left off: readings may be missing</source>
        <translation>smollama no sabía dónde se había cortado el flujo: puede que falten lecturas</translation>
    </message>
    <message>
        <source>Connected again to %1</source>
        <translation>Conectado de nuevo a %1</translation>
    </message>
    <message>
        <source>Connected again to %1, resuming after event %2</source>
        <translation>Conectado de nuevo a %1, se continúa tras el evento %2</translation>
    </message>
    <message>
        <source>the event stream of %1 was refused: %2</source>
        <translation>el flujo de eventos de %1 fue rechazado: %2</translation>
    </message>
    <message>
        <source>The event stream of %1 ended (%2); connecting again every %3 s (Ctrl+C stops)</source>
        <translation>El flujo de eventos de %1 terminó (%2); se vuelve a conectar cada %3 s (Ctrl+C para)</translation>
    </message>
    <message>
        <source>the server closed the stream</source>
        <translation>el servidor cerró el flujo</translation>
    </message>
    <message>
        <source>Usage: smollama-cli [options] &lt;command&gt; [arguments]

Commands:
  status                 the running smollama: health, plugins, Ollama, safe mode
  plugin list            every discovered plugin and instance with its status
  plugin enable NAME     load an instance again that a crash disabled
  plugin info NAME       manifest, example configuration, origin and status
  plugin new NAME [--type sensor|tool] [--dir DIR]
                         create a plugin project that builds against the SDK
  plugin install SOURCE [--ref REF] [--force] [--enable] [--plugins-dir DIR]
                         build, check and install a plugin from a git URL, a
                         source folder, a folder with a built plugin or a .so
  plugin upgrade NAME    install a plugin again from where it came from
  plugin uninstall NAME  remove an installed (not a builtin) plugin
  config check           check the configuration; exit 1 when it has errors
  readings [--watch] [--node NAME]
                         read every enabled source once (or keep printing);
                         from the running smollama also other nodes' readings
  ask "QUESTION" [--model M] [--ollama URL]  ask the local model (it can use tools)

plugin list, readings and ask use the running smollama when it answers on its HTTP
API (~/.smollama/http.json, else http.host:http.port), and a dry run otherwise.

Options (before or after the command):
  -c, --config FILE      the configuration file (default: ./config.yaml,
                         ~/.smollama/config.yaml, /etc/smollama/config.yaml)
  --plugin-path DIR      also search DIR for plugins (repeatable)
  --json                 print JSON for scripts
  --no-color             no colours (also: NO_COLOR=1)
  --lang CODE            messages in language CODE (de, es, en) instead of the
                         locale's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)
  -w, --watch            (readings) keep printing new readings until Ctrl+C
  --node NAME            (readings) only the readings of node NAME of the fleet
  --dry-run              (plugin list, readings, ask) do not ask the running
                         smollama; work from the configuration alone (also:
                         SMOLLAMA_DRY_RUN=1)
  --type sensor|tool     (plugin new) the kind of plugin (default: sensor)
  --dir DIR              (plugin new) create the project in DIR/NAME (default: .)
  --ref REF              (plugin install) the git branch, tag or commit
  --force                (plugin install) replace an installed plugin of that name
  --enable               (plugin install) add an instance to ~/.smollama/config.yaml
  --plugins-dir DIR      (plugin install|uninstall|upgrade) instead of
                         plugins.install_dir or ~/.smollama/plugins
  -v, --verbose          log what happens
  -h, --help             this help
  --version              print the version
</source>
        <translation>Uso: smollama-cli [opciones] &lt;orden&gt; [argumentos]

Órdenes:
  status                 el smollama en ejecución: estado, plugins, Ollama, modo seguro
  plugin list            todos los plugins e instancias encontrados, con su estado
  plugin enable NAME     volver a cargar una instancia que un fallo desactivó
  plugin info NAME       manifiesto, configuración de ejemplo, origen y estado
  plugin new NAME [--type sensor|tool] [--dir DIR]
                         crear un proyecto de plugin que compila con el SDK
  plugin install SOURCE [--ref REF] [--force] [--enable] [--plugins-dir DIR]
                         compilar, comprobar e instalar un plugin desde una URL
                         de git, una carpeta de código, una carpeta con un plugin
                         compilado o un .so
  plugin upgrade NAME    volver a instalar un plugin desde su origen
  plugin uninstall NAME  quitar un plugin instalado (no uno integrado)
  config check           comprobar la configuración; sale con 1 si tiene errores
  readings [--watch] [--node NAME]
                         leer una vez cada fuente activada (o seguir mostrando);
                         del smollama en ejecución también las lecturas de otros nodos
  ask "PREGUNTA" [--model M] [--ollama URL]  preguntar al modelo local (puede usar herramientas)

plugin list, readings y ask usan el smollama en ejecución cuando responde en su API
HTTP (~/.smollama/http.json, si no http.host:http.port), y si no una simulación.

Opciones (antes o después de la orden):
  -c, --config FILE      el archivo de configuración (por defecto: ./config.yaml,
                         ~/.smollama/config.yaml, /etc/smollama/config.yaml)
  --plugin-path DIR      buscar plugins también en DIR (repetible)
  --json                 mostrar JSON para scripts
  --no-color             sin colores (también: NO_COLOR=1)
  --lang CODE            mensajes en el idioma CODE (de, es, en) en lugar del de
                         la configuración regional (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)
  -w, --watch            (readings) seguir mostrando lecturas nuevas hasta Ctrl+C
  --node NAME            (readings) solo las lecturas del nodo NAME de la flota
  --dry-run              (plugin list, readings, ask) no preguntar al smollama en
                         ejecución; trabajar solo con la configuración (también:
                         SMOLLAMA_DRY_RUN=1)
  --type sensor|tool     (plugin new) el tipo de plugin (por defecto: sensor)
  --dir DIR              (plugin new) crear el proyecto en DIR/NAME (por defecto: .)
  --ref REF              (plugin install) la rama, etiqueta o commit de git
  --force                (plugin install) reemplazar un plugin instalado con ese nombre
  --enable               (plugin install) añadir una instancia a ~/.smollama/config.yaml
  --plugins-dir DIR      (plugin install|uninstall|upgrade) en lugar de
                         plugins.install_dir o ~/.smollama/plugins
  -v, --verbose          registrar lo que ocurre
  -h, --help             esta ayuda
  --version              mostrar la versión
</translation>
    </message>
    <message>
        <source>%1 does not take %2; its options are: %3</source>
        <translation>%1 no admite %2; sus opciones son: %3</translation>
    </message>
    <message>
        <source>sink: queue %1, %2 written, %3 dropped</source>
        <extracomment>a reading sink's counters; %1 is the queue size, %2 and %3 numbers of readings</extracomment>
        <translation>sumidero: cola %1, %2 escritas, %3 descartadas</translation>
    </message>
    <message>
        <source>NODE</source>
        <extracomment>Column header of smollama-cli readings (the node of the fleet), at most 16 characters</extracomment>
        <translation>NODO</translation>
    </message>
    <message>
        <source>smollama-cli: the readings of node %1 come from the running smollama, and none answers (this node is %2)</source>
        <translation>smollama-cli: las lecturas del nodo %1 vienen del smollama en ejecución, y ninguno responde (este nodo es %2)</translation>
    </message>
    <message>
        <source>memory:   </source>
        <extracomment>A label of smollama-cli status: pad it with spaces to 10 characters so the values line up</extracomment>
        <translation>memoria: </translation>
    </message>
    <message>
        <source>%1 MiB (%2 MiB when the start finished)</source>
        <translation>%1 MiB (%2 MiB al terminar el arranque)</translation>
    </message>
    <message>
        <source>%1; smollama-cli sets plugins up only while it holds the instance lock</source>
        <translation>%1; smollama-cli solo prepara plugins mientras tiene el bloqueo de instancia</translation>
    </message>
    <message>
        <source>smollama is running (PID %1) and owns the hardware, but it did not answer over its HTTP API (see smollama-cli status; is http.enabled off?); smollama-cli sets plugins up only when no node runs</source>
        <translation>smollama está en ejecución (PID %1) y es dueño del hardware, pero no respondió por su API HTTP (vea smollama-cli status; ¿está http.enabled desactivado?); smollama-cli solo prepara plugins cuando no hay ningún nodo en ejecución</translation>
    </message>
    <message>
        <source>smollama is running (PID %1) and owns the hardware; smollama-cli sets plugins up only when no node runs. Without --dry-run (for ask: without --model and --ollama) the command asks the node</source>
        <translation>smollama está en ejecución (PID %1) y es dueño del hardware; smollama-cli solo prepara plugins cuando no hay ningún nodo en ejecución. Sin --dry-run (para ask: sin --model ni --ollama) el comando pregunta al nodo</translation>
    </message>
    <message>
        <source>in a plugin host process</source>
        <translation>en un proceso host de plugins</translation>
    </message>
    <message>
        <source>(in a plugin host process)</source>
        <translation>(en un proceso host de plugins)</translation>
    </message>
    <message>
        <source>%1: its plugin host is started again by the running smollama at %2; smollama-cli plugin list shows when it is loaded.</source>
        <translation>%1: el smollama en marcha en %2 vuelve a iniciar su host de plugins; smollama-cli plugin list muestra cuándo está cargado.</translation>
    </message>
    <message>
        <source>The running smollama did not start %1 again: %2</source>
        <translation>El smollama en marcha no volvió a iniciar %1: %2</translation>
    </message>
</context>
<context>
    <name>SystemPlugin</name>
    <message>
        <source>checking /proc/stat failed unexpectedly</source>
        <translation>la comprobación de /proc/stat falló inesperadamente</translation>
    </message>
    <message>
        <source>setting up the system plugin failed unexpectedly</source>
        <translation>la configuración del plugin system falló inesperadamente</translation>
    </message>
    <message>
        <source>reading the system figures failed unexpectedly</source>
        <translation>la lectura de los datos del sistema falló inesperadamente</translation>
    </message>
    <message>
        <source>the system plugin was read before setup()</source>
        <translation>el plugin system se leyó antes de setup()</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>no se puede leer %1: %2</translation>
    </message>
    <message>
        <source>the system plugin reads Linux's /proc and /sys, which this operating system does not have; disable the plugin in config.yaml</source>
        <translation>el plugin system lee /proc y /sys de Linux, que este sistema operativo no tiene; desactive el plugin en config.yaml</translation>
    </message>
    <message>
        <source> (is /proc mounted? the system plugin needs Linux /proc)</source>
        <translation> (¿está montado /proc? el plugin system necesita /proc de Linux)</translation>
    </message>
    <message>
        <source>CPU temperature</source>
        <translation>Temperatura de la CPU</translation>
    </message>
    <message>
        <source>Temperature of the CPU/SoC thermal zone in /sys/class/thermal</source>
        <translation>Temperatura de la zona térmica de la CPU/SoC en /sys/class/thermal</translation>
    </message>
    <message>
        <source>CPU usage</source>
        <translation>Uso de CPU</translation>
    </message>
    <message>
        <source>Share of CPU time spent busy (all cores) since the previous reading</source>
        <translation>Proporción del tiempo de CPU ocupado (todos los núcleos) desde la lectura anterior</translation>
    </message>
    <message>
        <source>CPU frequency</source>
        <translation>Frecuencia de la CPU</translation>
    </message>
    <message>
        <source>Current clock frequency of CPU core 0</source>
        <translation>Frecuencia de reloj actual del núcleo 0 de la CPU</translation>
    </message>
    <message>
        <source>Memory used</source>
        <translation>Memoria usada</translation>
    </message>
    <message>
        <source>Share of RAM in use: (MemTotal - MemAvailable) / MemTotal</source>
        <translation>Proporción de RAM en uso: (MemTotal - MemAvailable) / MemTotal</translation>
    </message>
    <message>
        <source>Memory available</source>
        <translation>Memoria disponible</translation>
    </message>
    <message>
        <source>RAM available for new programs without swapping (MemAvailable)</source>
        <translation>RAM disponible para programas nuevos sin usar swap (MemAvailable)</translation>
    </message>
    <message>
        <source>Load average (1 min)</source>
        <translation>Carga media (1 min)</translation>
    </message>
    <message>
        <source>Average number of runnable tasks over the last minute</source>
        <translation>Número medio de tareas ejecutables en el último minuto</translation>
    </message>
    <message>
        <source>Disk used (%1)</source>
        <translation>Disco usado (%1)</translation>
    </message>
    <message>
        <source>Share of the file system mounted at %1 in use, as df reports it</source>
        <translation>Proporción en uso del sistema de archivos montado en %1, según df</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Tiempo activo</translation>
    </message>
    <message>
        <source>Seconds since the machine booted</source>
        <translation>Segundos desde el arranque de la máquina</translation>
    </message>
    <message>
        <source>unexpected cpu line in /proc/stat: %1</source>
        <translation>línea cpu inesperada en /proc/stat: %1</translation>
    </message>
    <message>
        <source>no aggregate "cpu" line in /proc/stat</source>
        <translation>no hay ninguna línea «cpu» agregada en /proc/stat</translation>
    </message>
    <message>
        <source>no earlier /proc/stat sample to compare with; CPU usage is known from the next reading on</source>
        <translation>no hay ninguna muestra anterior de /proc/stat con la que comparar; el uso de CPU se conocerá a partir de la próxima lectura</translation>
    </message>
    <message>
        <source>no CPU time passed between two /proc/stat samples (read again later)</source>
        <translation>no pasó tiempo de CPU entre dos muestras de /proc/stat (vuelva a leer más tarde)</translation>
    </message>
    <message>
        <source>the CPU counters in /proc/stat went backwards (a CPU was taken offline?); read again later</source>
        <translation>los contadores de CPU de /proc/stat retrocedieron (¿se desconectó una CPU?); vuelva a leer más tarde</translation>
    </message>
    <message>
        <source>no thermal zone in %1 (this machine exposes no CPU temperature)</source>
        <translation>no hay zona térmica en %1 (esta máquina no ofrece la temperatura de la CPU)</translation>
    </message>
    <message>
        <source>thermal zone '%1' ("thermal_zone" in the configuration) does not exist in %2; %3</source>
        <translation>la zona térmica «%1» («thermal_zone» en la configuración) no existe en %2; %3</translation>
    </message>
    <message>
        <source>this machine has none</source>
        <translation>esta máquina no tiene ninguna</translation>
    </message>
    <message>
        <source>available: %1</source>
        <translation>disponibles: %1</translation>
    </message>
    <message>
        <source>unexpected content in %1: %2</source>
        <translation>contenido inesperado en %1: %2</translation>
    </message>
    <message>
        <source>no "cpu MHz" line in %1</source>
        <translation>no hay ninguna línea «cpu MHz» en %1</translation>
    </message>
    <message>
        <source>this machine reports no CPU frequency (%1; %2)</source>
        <translation>esta máquina no informa de la frecuencia de la CPU (%1; %2)</translation>
    </message>
    <message>
        <source>unexpected line in %1: %2</source>
        <translation>línea inesperada en %1: %2</translation>
    </message>
    <message>
        <source>no MemTotal in %1</source>
        <translation>no hay MemTotal en %1</translation>
    </message>
    <message>
        <source>no MemAvailable in %1 (Linux 3.14 or later reports it)</source>
        <translation>no hay MemAvailable en %1 (Linux 3.14 o posterior lo indica)</translation>
    </message>
    <message>
        <source>mount point '%1' does not exist; fix "mounts" in the system plugin's configuration</source>
        <translation>el punto de montaje «%1» no existe; corrija «mounts» en la configuración del plugin system</translation>
    </message>
    <message>
        <source>cannot get the disk usage of '%1': %2</source>
        <translation>no se puede obtener el uso de disco de «%1»: %2</translation>
    </message>
    <message>
        <source>'%1' is on a file system without blocks (such as /proc); list a real mount point in "mounts"</source>
        <translation>«%1» está en un sistema de archivos sin bloques (como /proc); indique un punto de montaje real en «mounts»</translation>
    </message>
    <message>
        <source>disk usage of '%1' is not available on this operating system</source>
        <translation>el uso de disco de «%1» no está disponible en este sistema operativo</translation>
    </message>
</context>
<context>
    <name>ToolRegistry</name>
    <message>
        <source>unknown source '%1'.</source>
        <translation>fuente desconocida «%1».</translation>
    </message>
    <message>
        <source> No source is available: no sensor plugin is running (call plugin_status to see why).</source>
        <translation> No hay ninguna fuente disponible: no se está ejecutando ningún plugin de sensor (llame a plugin_status para ver por qué).</translation>
    </message>
    <message>
        <source>readings are not available</source>
        <translation>las lecturas no están disponibles</translation>
    </message>
    <message>
        <source>source '%1' has no reading yet; try again in a few seconds</source>
        <translation>la fuente «%1» aún no tiene ninguna lectura; inténtelo de nuevo en unos segundos</translation>
    </message>
    <message>
        <source>source '%1' has no numeric values in the last %2 minutes</source>
        <translation>la fuente «%1» no tiene valores numéricos en los últimos %2 minutos</translation>
    </message>
    <message>
        <source>plugins are not available</source>
        <translation>los plugins no están disponibles</translation>
    </message>
    <message>
        <source>no plugin or instance '%1'%2; known: %3</source>
        <translation>no hay ningún plugin ni instancia «%1»%2; conocidos: %3</translation>
    </message>
    <message>
        <source>unknown node '%1'%2. Known nodes: %3.</source>
        <translation>nodo desconocido '%1'%2. Nodos conocidos: %3.</translation>
    </message>
    <message>
        <source>Which %1 instance to use: %2</source>
        <translation>Qué instancia de %1 usar: %2</translation>
    </message>
    <message>
        <source>Set instance to the %1 instance to use (%2).</source>
        <translation>Pon en instance la instancia de %1 que se usará (%2).</translation>
    </message>
    <message>
        <source>Offered by the %1 instances %2; set instance to one of them.</source>
        <translation>Lo ofrecen las instancias de %1 %2; pon en instance una de ellas.</translation>
    </message>
    <message>
        <source>instance %1: %2</source>
        <translation>instancia %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>source '%1' is not one of this node's; %n node(s) have it (%2): give the node too.</source>
        <translation>
            <numerusform>la fuente '%1' no es de este nodo; la tiene %n nodo (%2): indica también el nodo.</numerusform>
            <numerusform>la fuente '%1' no es de este nodo; la tienen %n nodos (%2): indica también el nodo.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>smollama</name>
    <message>
        <source>Sensors, a dashboard and a local LLM agent.</source>
        <translation>Sensores, un panel y un agente LLM local.</translation>
    </message>
    <message>
        <source>Use the configuration FILE.</source>
        <translation>Usar el archivo de configuración FILE.</translation>
    </message>
    <message>
        <source>Also search DIR for plugins (repeatable).</source>
        <translation>Buscar plugins también en DIR (repetible).</translation>
    </message>
    <message>
        <source>Run without a window (as a service).</source>
        <translation>Ejecutar sin ventana (como servicio).</translation>
    </message>
    <message>
        <source>Log debug messages.</source>
        <translation>Registrar mensajes de depuración.</translation>
    </message>
    <message>
        <source>Load only the builtin plugins.</source>
        <translation>Cargar solo los plugins integrados.</translation>
    </message>
    <message>
        <source>Do not load the instance or plugin NAME ("all": none).</source>
        <translation>No cargar la instancia o el plugin NAME («all»: ninguno).</translation>
    </message>
    <message>
        <source>Load NAME even when safe mode, --noload, a crash or the configuration would skip it.</source>
        <translation>Cargar NAME aunque el modo seguro, --noload, un fallo o la configuración lo omitirían.</translation>
    </message>
    <message>
        <source>Also load instances that crashed last time.</source>
        <translation>Cargar también las instancias que fallaron la última vez.</translation>
    </message>
    <message>
        <source>Show texts in language CODE (de, es, en) instead of the locale's.</source>
        <translation>Mostrar los textos en el idioma CODE (de, es, en) en lugar del de la configuración regional.</translation>
    </message>
    <message>
        <source>The configuration %1 has errors; fix them (smollama-cli config check -c %1 lists them) and start again</source>
        <translation>La configuración %1 tiene errores; corríjalos (smollama-cli config check -c %1 los muestra) y vuelva a iniciar</translation>
    </message>
    <message>
        <source>smollama %1, configuration %2</source>
        <translation>smollama %1, configuración %2</translation>
    </message>
    <message>
        <source>(none found: defaults)</source>
        <translation>(no se encontró ninguna: valores predeterminados)</translation>
    </message>
    <message>
        <source>Received %1: shutting down</source>
        <translation>Se recibió %1: finalizando</translation>
    </message>
    <message>
        <source>Plugin %1: %2: %3</source>
        <translation>Plugin %1: %2: %3</translation>
    </message>
    <message>
        <source>Plugin %1: %2</source>
        <translation>Plugin %1: %2</translation>
    </message>
    <message>
        <source>Plugin %1: %2 (%3)</source>
        <translation>Plugin %1: %2 (%3)</translation>
    </message>
    <message numerus="yes">
        <source>Running headless with %n plugin instance(s); stop with SIGTERM or Ctrl+C</source>
        <translation>
            <numerusform>Ejecutándose sin ventana con %n instancia de plugin; detenga con SIGTERM o Ctrl+C</numerusform>
            <numerusform>Ejecutándose sin ventana con %n instancias de plugin; detenga con SIGTERM o Ctrl+C</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Detenido</translation>
    </message>
    <message>
        <source>No translation for language '%1' (there are: %2); the texts stay in English</source>
        <translation>No hay traducción para el idioma «%1» (hay: %2); los textos siguen en inglés</translation>
    </message>
    <message>
        <source>Show the dashboard full screen without window decorations (touchscreens).</source>
        <translation>Mostrar el panel a pantalla completa sin decoraciones de ventana (pantallas táctiles).</translation>
    </message>
    <message>
        <source>Hide the mouse cursor (touchscreens).</source>
        <translation>Ocultar el puntero del ratón (pantallas táctiles).</translation>
    </message>
    <message>
        <source>Show the on-screen keyboard also outside --kiosk.</source>
        <translation>Mostrar el teclado en pantalla también fuera de --kiosk.</translation>
    </message>
    <message>
        <source>No window: %1</source>
        <translation>Sin ventana: %1</translation>
    </message>
    <message>
        <source>The dashboard could not be shown: %1</source>
        <translation>No se pudo mostrar el panel: %1</translation>
    </message>
    <message numerus="yes">
        <source>Showing the dashboard with %n plugin instance(s); close the window or stop with SIGTERM or Ctrl+C</source>
        <translation>
            <numerusform>Mostrando el panel con %n instancia de plugin; cierre la ventana o detenga con SIGTERM o Ctrl+C</numerusform>
            <numerusform>Mostrando el panel con %n instancias de plugin; cierre la ventana o detenga con SIGTERM o Ctrl+C</numerusform>
        </translation>
    </message>
    <message>
        <source>Main.qml did not create a window</source>
        <translation>Main.qml no creó ninguna ventana</translation>
    </message>
    <message>
        <source>the dashboard library %1 could not be loaded (%2); reinstall smollama, or build it with SMOLLAMA_WITH_GUI=ON</source>
        <translation>no se pudo cargar la biblioteca del panel %1 (%2); reinstale smollama o compílelo con SMOLLAMA_WITH_GUI=ON</translation>
    </message>
    <message>
        <source>the dashboard library is not loaded</source>
        <translation>la biblioteca del panel no está cargada</translation>
    </message>
    <message>
        <source>The dashboard's THEME: light, dark or auto (the desktop's choice; default: dashboard.theme).</source>
        <translation>El TEMA del panel: light, dark o auto (el del escritorio; predeterminado: dashboard.theme).</translation>
    </message>
    <message>
        <source>--connect shows a window, and there is none (%1)</source>
        <translation>--connect muestra una ventana, y no hay ninguna (%1)</translation>
    </message>
    <message>
        <source>no display</source>
        <translation>no hay pantalla</translation>
    </message>
    <message>
        <source>Show the dashboard of the node at URL (http://host:port) through its HTTP API, without plugins or lock here.</source>
        <translation>Mostrar el panel del nodo en URL (http://host:port) a través de su API HTTP, aquí sin plugins ni bloqueo.</translation>
    </message>
    <message>
        <source>With --connect: the node's API token is in FILE.</source>
        <translation>Con --connect: el token de la API del nodo está en el archivo FILE.</translation>
    </message>
    <message>
        <source>%1 %2: not an address like http://pi:8080</source>
        <translation>%1 %2: no es una dirección como http://pi:8080</translation>
    </message>
    <message>
        <source>token file %1 for %2: %3 (copy the node's api-token there; see docs/http-api.md)</source>
        <translation>archivo de token %1 para %2: %3 (copie allí el api-token del nodo; vea docs/http-api.md)</translation>
    </message>
    <message>
        <source>Following %1 over its HTTP API (no plugins, no lock here); close the window to stop</source>
        <translation>Siguiendo %1 a través de su API HTTP (aquí sin plugins ni bloqueo); cierre la ventana para terminar</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>no existe el archivo</translation>
    </message>
    <message>
        <source>it is built for %1, this smollama needs %2</source>
        <translation>está compilada para %1, este smollama necesita %2</translation>
    </message>
</context>
</TS>