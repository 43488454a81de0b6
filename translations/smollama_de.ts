<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AgentPage</name>
    <message>
        <source>How warm is it?</source>
        <translation>Wie warm ist es?</translation>
    </message>
    <message>
        <source>Is anything wrong with the sensors?</source>
        <translation>Stimmt etwas mit den Sensoren nicht?</translation>
    </message>
    <message>
        <source>Summarise the last hour.</source>
        <translation>Fassen Sie die letzte Stunde zusammen.</translation>
    </message>
    <message>
        <source>Which outputs are on?</source>
        <translation>Welche Ausgänge sind an?</translation>
    </message>
    <message>
        <source>Checking Ollama…</source>
        <translation>Ollama wird geprüft…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Rule %1: %2</source>
        <translation>Regel %1: %2</translation>
    </message>
    <message>
        <source>Ask the agent about this node's sensors, or tap a question below.</source>
        <translation>Fragen Sie den Agenten nach den Sensoren dieses Knotens, oder tippen Sie unten auf eine Frage.</translation>
    </message>
    <message>
        <source>Ask a question…</source>
        <translation>Frage stellen…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Ask:</source>
        <translation>Fragen:</translation>
    </message>
    <message>
        <source>%1 (offline)</source>
        <translation>%1 (offline)</translation>
    </message>
    <message>
        <source>— %1</source>
        <translation>— %1</translation>
    </message>
    <message>
        <source>Ask the agent of %1 about its sensors, or tap a question below.</source>
        <translation>Fragen Sie den Agenten von %1 nach seinen Sensoren oder tippen Sie unten auf eine Frage.</translation>
    </message>
</context>
<context>
    <name>Config</name>
    <message>
        <source>an integer</source>
        <translation>eine Ganzzahl</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>eine Zahl</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>eine Zeichenkette</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
    <message>
        <source>a map (key: value)</source>
        <translation>eine Zuordnung (Schlüssel: Wert)</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>eine Liste</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source>an empty value</source>
        <translation>ein leerer Wert</translation>
    </message>
    <message>
        <source>the number %1</source>
        <translation>die Zahl %1</translation>
    </message>
    <message>
        <source>the string "%1"</source>
        <translation>die Zeichenkette „%1“</translation>
    </message>
    <message>
        <source>a map</source>
        <translation>eine Zuordnung</translation>
    </message>
    <message>
        <source>must be between %1 and %2</source>
        <translation>muss zwischen %1 und %2 liegen</translation>
    </message>
    <message>
        <source>must be greater than %1</source>
        <translation>muss größer als %1 sein</translation>
    </message>
    <message>
        <source>must be at least %1</source>
        <translation>muss mindestens %1 sein</translation>
    </message>
    <message>
        <source>must be at most %1</source>
        <translation>darf höchstens %1 sein</translation>
    </message>
    <message>
        <source>expected %1, got %2</source>
        <translation>%1 erwartet, %2 erhalten</translation>
    </message>
    <message>
        <source>%1, got %2</source>
        <translation>%1, erhalten: %2</translation>
    </message>
    <message>
        <source>error: </source>
        <translation>Fehler: </translation>
    </message>
    <message>
        <source>warning: </source>
        <translation>Warnung: </translation>
    </message>
    <message>
        <source>info: </source>
        <translation>Hinweis: </translation>
    </message>
    <message>
        <source>expected a map of sections (such as "ollama:" and "plugins:"), got %1</source>
        <translation>eine Zuordnung von Abschnitten erwartet (etwa „ollama:“ und „plugins:“), %1 erhalten</translation>
    </message>
    <message>
        <source>no 'plugins' section: the builtin plugins 'system' and 'gpio' run with their defaults (as in the earlier smollama); add a plugins: section to choose plugins and their settings</source>
        <translation>kein Abschnitt „plugins“: die eingebauten Plugins „system“ und „gpio“ laufen mit ihren Standardwerten (wie im früheren smollama); fügen Sie einen Abschnitt plugins: hinzu, um Plugins und ihre Einstellungen zu wählen</translation>
    </message>
    <message>
        <source>section '%1' is not supported by this version and is ignored</source>
        <translation>der Abschnitt „%1“ wird von dieser Version nicht unterstützt und ignoriert</translation>
    </message>
    <message>
        <source>key '%1' is from the earlier smollama and is ignored by this version</source>
        <translation>der Schlüssel „%1“ stammt aus dem früheren smollama und wird von dieser Version ignoriert</translation>
    </message>
    <message>
        <source>'mock: true' is the earlier smollama's setting and now means 'backend: sim'; write that instead</source>
        <translation>„mock: true“ ist die Einstellung des früheren smollama und bedeutet jetzt „backend: sim“; schreiben Sie stattdessen das</translation>
    </message>
    <message>
        <source>'mock' is the earlier smollama's setting and is ignored; the gpio plugin's 'backend' chooses real or simulated pins</source>
        <translation>„mock“ ist die Einstellung des früheren smollama und wird ignoriert; „backend“ des gpio-Plugins wählt echte oder simulierte Pins</translation>
    </message>
    <message>
        <source>the top-level 'gpio' section is the earlier smollama's format and lists no pins; it is ignored</source>
        <translation>der Abschnitt „gpio“ auf oberster Ebene ist das Format des früheren smollama und nennt keine Pins; er wird ignoriert</translation>
    </message>
    <message>
        <source>the top-level 'gpio' section repeats %1 and is ignored; you can delete it</source>
        <translation>der Abschnitt „gpio“ auf oberster Ebene wiederholt %1 und wird ignoriert; Sie können ihn löschen</translation>
    </message>
    <message>
        <source>the top-level 'gpio' section (the earlier smollama's format) is ignored because %1 is set; move what you need there and delete it</source>
        <translation>der Abschnitt „gpio“ auf oberster Ebene (das Format des früheren smollama) wird ignoriert, weil %1 gesetzt ist; übertragen Sie, was Sie brauchen, dorthin und löschen Sie ihn</translation>
    </message>
    <message>
        <source>its pin now belongs under %1</source>
        <translation>sein Pin gehört jetzt unter %1</translation>
    </message>
    <message>
        <source>its %1 pins now belong under %2</source>
        <translation>seine %1 Pins gehören jetzt unter %2</translation>
    </message>
    <message>
        <source>'mock: true' became %1.backend: sim</source>
        <translation>aus „mock: true“ wurde %1.backend: sim</translation>
    </message>
    <message>
        <source>the top-level 'gpio' section is the earlier smollama's format and has nothing to migrate; it is ignored</source>
        <translation>der Abschnitt „gpio“ auf oberster Ebene ist das Format des früheren smollama und enthält nichts zu übernehmen; er wird ignoriert</translation>
    </message>
    <message>
        <source>the top-level 'gpio' section (the earlier smollama's format) was migrated: %1; move it there</source>
        <translation>der Abschnitt „gpio“ auf oberster Ebene (das Format des früheren smollama) wurde übernommen: %1; verschieben Sie ihn dorthin</translation>
    </message>
    <message>
        <source>%1='%2' is not a port number (%3-65535) and is ignored</source>
        <translation>%1=„%2“ ist keine Portnummer (%3–65535) und wird ignoriert</translation>
    </message>
    <message>
        <source>set to '%1' by %2</source>
        <translation>durch %2 auf „%1“ gesetzt</translation>
    </message>
    <message>
        <source>%1 has no effect because ollama.url is set (the URL wins over host and port); set SMOLLAMA_OLLAMA_URL instead</source>
        <translation>%1 wirkt nicht, weil ollama.url gesetzt ist (die URL hat Vorrang vor Host und Port); setzen Sie stattdessen SMOLLAMA_OLLAMA_URL</translation>
    </message>
    <message>
        <source>config file %1 does not exist</source>
        <translation>die Konfigurationsdatei %1 existiert nicht</translation>
    </message>
    <message>
        <source>config file %1 is a folder, not a file</source>
        <translation>die Konfigurationsdatei %1 ist ein Ordner, keine Datei</translation>
    </message>
    <message>
        <source>cannot read config file %1: %2</source>
        <translation>die Konfigurationsdatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>internal error while reading the configuration: %1</source>
        <translation>interner Fehler beim Lesen der Konfiguration: %1</translation>
    </message>
    <message>
        <source>internal error while reading the configuration</source>
        <translation>interner Fehler beim Lesen der Konfiguration</translation>
    </message>
    <message>
        <source>the document is too large (more than %1 values, counting what aliases expand to)</source>
        <translation>das Dokument ist zu groß (mehr als %1 Werte, einschließlich dessen, was Aliase ergeben)</translation>
    </message>
    <message>
        <source>the document is nested too deeply (more than %1 levels)</source>
        <translation>das Dokument ist zu tief verschachtelt (mehr als %1 Ebenen)</translation>
    </message>
    <message>
        <source>a key is empty; write a name before the ':'</source>
        <translation>ein Schlüssel ist leer; schreiben Sie einen Namen vor den „:“</translation>
    </message>
    <message>
        <source>a key must be plain text, not a list or a map</source>
        <translation>ein Schlüssel muss einfacher Text sein, keine Liste und keine Zuordnung</translation>
    </message>
    <message>
        <source>duplicate key '%1': it is on line %2 and again on line %3; keep one</source>
        <translation>doppelter Schlüssel „%1“: er steht in Zeile %2 und noch einmal in Zeile %3; behalten Sie einen</translation>
    </message>
    <message>
        <source>YAML syntax error: %1%2</source>
        <translation>YAML-Syntaxfehler: %1%2</translation>
    </message>
    <message>
        <source>cannot parse the YAML: %1</source>
        <translation>das YAML kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source> (did you mean '%1'?)</source>
        <translation> (meinten Sie „%1“?)</translation>
    </message>
    <message>
        <source>, and </source>
        <translation> und </translation>
    </message>
    <message>
        <source>invalid instance name '%1': use lower-case letters, digits and '_', starting with a letter (%2)</source>
        <translation>ungültiger Instanzname „%1“: verwenden Sie Kleinbuchstaben, Ziffern und „_“, beginnend mit einem Buchstaben (%2)</translation>
    </message>
    <message>
        <source>invalid plugin name '%1': plugin names use lower-case letters, digits and '_', starting with a letter (%2)</source>
        <translation>ungültiger Plugin-Name „%1“: Plugin-Namen bestehen aus Kleinbuchstaben, Ziffern und „_“ und beginnen mit einem Buchstaben (%2)</translation>
    </message>
    <message>
        <source>the top-level 'mqtt' section is the earlier smollama's format but not a map of settings; it is ignored</source>
        <translation>der Abschnitt 'mqtt' auf oberster Ebene ist im Format des früheren smollama, aber keine Zuordnung von Einstellungen; er wird ignoriert</translation>
    </message>
    <message>
        <source>the top-level 'mqtt' section (the earlier smollama's format) is ignored because %1 is set; you can delete it</source>
        <translation>der Abschnitt 'mqtt' auf oberster Ebene (Format des früheren smollama) wird ignoriert, weil %1 gesetzt ist; Sie können ihn löschen</translation>
    </message>
    <message>
        <source>the top-level 'mqtt' section (the earlier smollama's format) now configures the builtin mqtt plugin (%1); write it as %2: %3</source>
        <translation>der Abschnitt 'mqtt' auf oberster Ebene (Format des früheren smollama) konfiguriert jetzt das eingebaute mqtt-Plugin (%1); schreiben Sie ihn als %2: %3</translation>
    </message>
    <message>
        <source>with its defaults</source>
        <translation>mit seinen Standardwerten</translation>
    </message>
    <message>
        <source>The password is not taken from the configuration: write it to a file readable by smollama only and set password_file</source>
        <translation>Das Passwort wird nicht aus der Konfiguration übernommen: schreiben Sie es in eine Datei, die nur smollama lesen kann, und setzen Sie password_file</translation>
    </message>
    <message>
        <source>Its topics use this node's name '%1' (node.name), not '%2' of publish_prefix</source>
        <translation>Seine Topics verwenden den Namen dieses Knotens '%1' (node.name), nicht '%2' aus publish_prefix</translation>
    </message>
    <message>
        <source>It answered questions sent to the fleet; set answer_questions: true for that</source>
        <translation>Er hat Fragen an die Flotte beantwortet; setzen Sie dafür answer_questions: true</translation>
    </message>
</context>
<context>
    <name>DetailPage</name>
    <message>
        <source>‹ Back</source>
        <translation>‹ Zurück</translation>
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
        <translation>Min.</translation>
    </message>
    <message>
        <source>max</source>
        <translation>Max.</translation>
    </message>
    <message>
        <source>avg</source>
        <translation>Mittel</translation>
    </message>
    <message numerus="yes">
        <source>%n value(s)</source>
        <translation>
            <numerusform>%n Wert</numerusform>
            <numerusform>%n Werte</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FleetPage</name>
    <message>
        <source>(this node)</source>
        <translation>(dieser Knoten)</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>last seen %1</source>
        <translation>zuletzt gesehen %1</translation>
    </message>
    <message numerus="yes">
        <source>%n source(s)</source>
        <translation>
            <numerusform>%n Quelle</numerusform>
            <numerusform>%n Quellen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n Fehler</numerusform>
            <numerusform>%n Fehler</numerusform>
        </translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>plugins: %1</source>
        <translation>Plugins: %1</translation>
    </message>
    <message>
        <source>heard through %1</source>
        <translation>empfangen über %1</translation>
    </message>
    <message>
        <source>No nodes known yet.</source>
        <translation>Noch keine Knoten bekannt.</translation>
    </message>
</context>
<context>
    <name>GpioPlugin</name>
    <message>
        <source>%1: the name '%2' cannot be a reading id; use lower-case letters, digits and '_', starting with a letter, such as '%3'</source>
        <translation>%1: der Name „%2“ kann keine Messwert-ID sein; verwenden Sie Kleinbuchstaben, Ziffern und „_“, beginnend mit einem Buchstaben, etwa „%3“</translation>
    </message>
    <message>
        <source>%1: edge '%2' is for inputs; an output has no edge events (remove edge, or make the pin mode: input)</source>
        <translation>%1: edge „%2“ gilt für Eingänge; ein Ausgang hat keine Flankenereignisse (entfernen Sie edge oder setzen Sie den Pin auf mode: input)</translation>
    </message>
    <message>
        <source>%1: pull '%2' is for inputs; an output drives the line itself (remove pull, or make the pin mode: input)</source>
        <translation>%1: pull „%2“ gilt für Eingänge; ein Ausgang treibt die Leitung selbst (entfernen Sie pull oder setzen Sie den Pin auf mode: input)</translation>
    </message>
    <message>
        <source>%1: debounce_ms is for inputs with edge events; remove it from this output</source>
        <translation>%1: debounce_ms gilt für Eingänge mit Flankenereignissen; entfernen Sie es bei diesem Ausgang</translation>
    </message>
    <message>
        <source>%1: initial is for outputs; an input cannot be set (remove initial, or make the pin mode: output)</source>
        <translation>%1: initial gilt für Ausgänge; ein Eingang lässt sich nicht setzen (entfernen Sie initial oder setzen Sie den Pin auf mode: output)</translation>
    </message>
    <message>
        <source>%1: safe_state is for outputs; an input is never driven (remove safe_state, or make the pin mode: output)</source>
        <translation>%1: safe_state gilt für Ausgänge; ein Eingang wird nie getrieben (entfernen Sie safe_state oder setzen Sie den Pin auf mode: output)</translation>
    </message>
    <message>
        <source>%1: debounce_ms %2 needs edge events; set edge (rising, falling or both) or remove debounce_ms</source>
        <translation>%1: debounce_ms %2 braucht Flankenereignisse; setzen Sie edge (rising, falling oder both) oder entfernen Sie debounce_ms</translation>
    </message>
    <message>
        <source>%1: pin %2 is already used by %3</source>
        <translation>%1: Pin %2 wird bereits von %3 verwendet</translation>
    </message>
    <message>
        <source>%1: the name '%2' is already used by pins[%3] (pin %4); each pin needs its own name</source>
        <translation>%1: der Name „%2“ wird bereits von pins[%3] (Pin %4) verwendet; jeder Pin braucht einen eigenen Namen</translation>
    </message>
    <message>
        <source>sim_busy is only for backend: sim (it marks simulated lines busy for tests and demos); remove it</source>
        <translation>sim_busy gilt nur für backend: sim (es markiert simulierte Leitungen als belegt, für Tests und Vorführungen); entfernen Sie es</translation>
    </message>
    <message>
        <source>sim_busy: '%1' must be a line number with the name of the program holding it, e.g. "17": "spi0 CS0"</source>
        <translation>sim_busy: „%1“ muss eine Leitungsnummer mit dem Namen des Programms sein, das sie belegt, z. B. "17": "spi0 CS0"</translation>
    </message>
    <message>
        <source>%1: pin %2 does not exist: %3 has %4 lines (0-%5)</source>
        <translation>%1: Pin %2 existiert nicht: %3 hat %4 Leitungen (0–%5)</translation>
    </message>
    <message>
        <source>use backend: sim to try GPIO without hardware</source>
        <translation>verwenden Sie backend: sim, um GPIO ohne Hardware auszuprobieren</translation>
    </message>
    <message>
        <source>published at once when it turns on</source>
        <translation>wird sofort gemeldet, wenn er einschaltet</translation>
    </message>
    <message>
        <source>published at once when it turns off</source>
        <translation>wird sofort gemeldet, wenn er ausschaltet</translation>
    </message>
    <message>
        <source>published at once on every change</source>
        <translation>wird bei jeder Änderung sofort gemeldet</translation>
    </message>
    <message>
        <source>this smollama was built without libgpiod (SMOLLAMA_WITH_GPIO=OFF): rebuild it with libgpiod-dev installed, or %1</source>
        <translation>dieses smollama wurde ohne libgpiod gebaut (SMOLLAMA_WITH_GPIO=OFF): bauen Sie es mit installiertem libgpiod-dev neu, oder %1</translation>
    </message>
    <message>
        <source>checking the GPIO chip failed unexpectedly</source>
        <translation>die Prüfung des GPIO-Chips ist unerwartet fehlgeschlagen</translation>
    </message>
    <message>
        <source>setting up the GPIO lines failed unexpectedly</source>
        <translation>das Einrichten der GPIO-Leitungen ist unerwartet fehlgeschlagen</translation>
    </message>
    <message>
        <source>another program (it gave no name)</source>
        <translation>ein anderes Programm (es hat keinen Namen angegeben)</translation>
    </message>
    <message>
        <source>line %1 (%2) is busy: used by %3; free it (disable the overlay or stop the program using it) or choose another pin</source>
        <translation>Leitung %1 (%2) ist belegt: verwendet von %3; geben Sie sie frei (Overlay deaktivieren oder das Programm beenden, das sie nutzt) oder wählen Sie einen anderen Pin</translation>
    </message>
    <message>
        <source>%1: cannot claim line %2 of %3: %4</source>
        <translation>%1: Leitung %2 von %3 kann nicht belegt werden: %4</translation>
    </message>
    <message>
        <source>%1: line %2 has no event file descriptor</source>
        <translation>%1: Leitung %2 hat keinen Dateideskriptor für Ereignisse</translation>
    </message>
    <message>
        <source>not set up</source>
        <translation>nicht eingerichtet</translation>
    </message>
    <message>
        <source>edge events of line %1 stopped: %2; the value is still polled</source>
        <translation>die Flankenereignisse von Leitung %1 sind ausgefallen: %2; der Wert wird weiter abgefragt</translation>
    </message>
    <message>
        <source> (simulated)</source>
        <translation> (simuliert)</translation>
    </message>
    <message>
        <source> (active low: on means electrically low)</source>
        <translation> (active low: ein bedeutet elektrisch low)</translation>
    </message>
    <message>
        <source>; switch it with gpio_write</source>
        <translation>; schalten mit gpio_write</translation>
    </message>
    <message>
        <source> (debounced %1 ms)</source>
        <translation> (entprellt %1 ms)</translation>
    </message>
    <message>
        <source>the gpio plugin is not set up</source>
        <translation>das gpio-Plugin ist nicht eingerichtet</translation>
    </message>
    <message>
        <source>no pin named '%1'; the pins are: %2</source>
        <translation>kein Pin namens „%1“; die Pins sind: %2</translation>
    </message>
    <message>
        <source>reading pin '%1' (%2) failed: %3</source>
        <translation>das Lesen von Pin „%1“ (%2) ist fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>no pin named '%1'; the output pins are: %2</source>
        <translation>kein Pin namens „%1“; die Ausgangspins sind: %2</translation>
    </message>
    <message>
        <source>pin '%1' (%2) is an input; only output pins can be written</source>
        <translation>Pin „%1“ (%2) ist ein Eingang; nur Ausgangspins können geschrieben werden</translation>
    </message>
    <message>
        <source>reading pin '%1' (%2) to toggle it failed: %3</source>
        <translation>das Lesen von Pin „%1“ (%2) zum Umschalten ist fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>state must be on, off or toggle (got '%1')</source>
        <translation>state muss on, off oder toggle sein (erhalten: „%1“)</translation>
    </message>
    <message>
        <source>switching pin '%1' (%2) %3 failed: %4</source>
        <translation>das Schalten von Pin „%1“ (%2) auf %3 ist fehlgeschlagen: %4</translation>
    </message>
    <message>
        <source>gpio_simulate works only with the simulated chip (backend: sim)</source>
        <translation>gpio_simulate funktioniert nur mit dem simulierten Chip (backend: sim)</translation>
    </message>
    <message>
        <source>no pin named '%1'; the input pins are: %2</source>
        <translation>kein Pin namens „%1“; die Eingangspins sind: %2</translation>
    </message>
    <message>
        <source>pin '%1' (%2) is an output; gpio_simulate drives simulated inputs only (use gpio_write for outputs)</source>
        <translation>Pin „%1“ (%2) ist ein Ausgang; gpio_simulate treibt nur simulierte Eingänge (verwenden Sie gpio_write für Ausgänge)</translation>
    </message>
    <message>
        <source>state must be on or off (got '%1')</source>
        <translation>state muss on oder off sein (erhalten: „%1“)</translation>
    </message>
    <message>
        <source>simulating pin '%1' (%2) failed: %3</source>
        <translation>das Simulieren von Pin „%1“ (%2) ist fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>cannot open</source>
        <translation>nicht zu öffnen</translation>
    </message>
    <message>
        <source>no GPIO chip labelled '%1': this machine has no /dev/gpiochip* (not a Raspberry Pi?)</source>
        <translation>kein GPIO-Chip mit der Bezeichnung „%1“: dieser Rechner hat kein /dev/gpiochip* (kein Raspberry Pi?)</translation>
    </message>
    <message>
        <source>chip: no GPIO chip is labelled '%1'; the chips here are %2 (see gpiodetect)</source>
        <translation>chip: kein GPIO-Chip trägt die Bezeichnung „%1“; die Chips hier sind %2 (siehe gpiodetect)</translation>
    </message>
    <message>
        <source>chip: there is no GPIO chip %1 here; the chips are %2 (see gpiodetect)</source>
        <translation>chip: hier gibt es keinen GPIO-Chip %1; die Chips sind %2 (siehe gpiodetect)</translation>
    </message>
    <message>
        <source>no GPIO chip %1 (not a Raspberry Pi?)</source>
        <translation>kein GPIO-Chip %1 (kein Raspberry Pi?)</translation>
    </message>
    <message>
        <source>cannot open %1: permission denied; add the user smollama runs as to the gpio group (sudo usermod -aG gpio $USER, then log in again)</source>
        <translation>%1 kann nicht geöffnet werden: Zugriff verweigert; nehmen Sie den Benutzer, unter dem smollama läuft, in die Gruppe gpio auf (sudo usermod -aG gpio $USER, dann neu anmelden)</translation>
    </message>
    <message>
        <source>cannot open GPIO chip %1: %2</source>
        <translation>der GPIO-Chip %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>the kernel refused the request for line %1 (%2); pull and active_low settings need Linux 5.5 or newer</source>
        <translation>der Kernel hat die Anforderung von Leitung %1 abgelehnt (%2); pull und active_low brauchen Linux 5.5 oder neuer</translation>
    </message>
    <message>
        <source>requesting line %1 failed: %2</source>
        <translation>die Anforderung von Leitung %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>no GPIO chip is open</source>
        <translation>kein GPIO-Chip ist geöffnet</translation>
    </message>
    <message>
        <source>line %1 does not exist: %2</source>
        <translation>Leitung %1 existiert nicht: %2</translation>
    </message>
    <message>
        <source>line %1 is not requested</source>
        <translation>Leitung %1 ist nicht angefordert</translation>
    </message>
    <message>
        <source>reading line %1 failed: %2</source>
        <translation>das Lesen von Leitung %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>setting line %1 failed: %2</source>
        <translation>das Setzen von Leitung %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>waiting for events of line %1 failed: %2</source>
        <translation>das Warten auf Ereignisse von Leitung %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>reading events of line %1 failed: %2</source>
        <translation>das Lesen der Ereignisse von Leitung %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>line %1 does not exist</source>
        <translation>Leitung %1 existiert nicht</translation>
    </message>
    <message>
        <source>cannot create the event pipe of simulated line %1: %2</source>
        <translation>die Ereignis-Pipe der simulierten Leitung %1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>line %1 is not an output</source>
        <translation>Leitung %1 ist kein Ausgang</translation>
    </message>
    <message>
        <source>line %1 is not an input</source>
        <translation>Leitung %1 ist kein Eingang</translation>
    </message>
    <message>
        <source>queueing the edge event of simulated line %1 failed: %2</source>
        <translation>das Einreihen des Flankenereignisses der simulierten Leitung %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>line %1 was not requested with edge events</source>
        <translation>Leitung %1 wurde nicht mit Flankenereignissen angefordert</translation>
    </message>
    <message>
        <source>Output GPIO %1 on %2%3: true when on</source>
        <translation>Ausgang GPIO %1 an %2%3: true, wenn ein</translation>
    </message>
    <message>
        <source>Input GPIO %1 on %2%3: true when on</source>
        <translation>Eingang GPIO %1 an %2%3: true, wenn ein</translation>
    </message>
</context>
<context>
    <name>HistoryChart</name>
    <message>
        <source>No values in this time range yet.</source>
        <translation>Noch keine Werte in diesem Zeitraum.</translation>
    </message>
</context>
<context>
    <name>InstanceLock</name>
    <message>
        <source>the lock file %1 is damaged and cannot be removed: check that no other smollama runs, then delete it</source>
        <translation>die Sperrdatei %1 ist beschädigt und kann nicht entfernt werden: prüfen Sie, dass kein anderes smollama läuft, und löschen Sie sie dann</translation>
    </message>
    <message>
        <source>another smollama is already running (PID %1, lock %2); only one instance may own the hardware. Stop it first (systemctl stop smollama, or kill %1), or use smollama-cli to talk to it</source>
        <translation>ein anderes smollama läuft bereits (PID %1, Sperre %2); nur eine Instanz darf die Hardware besitzen. Beenden Sie es zuerst (systemctl stop smollama oder kill %1) oder sprechen Sie es mit smollama-cli an</translation>
    </message>
    <message>
        <source>cannot create the lock file %1 (check that the folder is writable)</source>
        <translation>die Sperrdatei %1 kann nicht angelegt werden (prüfen Sie, ob der Ordner beschreibbar ist)</translation>
    </message>
</context>
<context>
    <name>JsonSchema</name>
    <message>
        <source>value is not one of the allowed values</source>
        <translation>der Wert ist keiner der erlaubten Werte</translation>
    </message>
    <message>
        <source>missing required key</source>
        <translation>erforderlicher Schlüssel fehlt</translation>
    </message>
    <message>
        <source>unknown key '%1'%2</source>
        <translation>unbekannter Schlüssel „%1“%2</translation>
    </message>
    <message>
        <source>must be one of: %1</source>
        <translation>muss eines davon sein: %1</translation>
    </message>
    <message>
        <source>has the wrong format</source>
        <translation>hat das falsche Format</translation>
    </message>
    <message>
        <source>has the wrong format (expected to match %1)</source>
        <translation>hat das falsche Format (muss zu %1 passen)</translation>
    </message>
    <message>
        <source>the schema is invalid: %1</source>
        <translation>das Schema ist ungültig: %1</translation>
    </message>
    <message>
        <source>validation failed: %1</source>
        <translation>Prüfung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>unknown error while reading the schema</source>
        <translation>unbekannter Fehler beim Lesen des Schemas</translation>
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
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>Ausgänge</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Plugins</source>
        <translation>Plugins</translation>
    </message>
    <message>
        <source>Light theme</source>
        <translation>Helles Design</translation>
    </message>
    <message>
        <source>Dark theme</source>
        <translation>Dunkles Design</translation>
    </message>
    <message>
        <source>Safe mode: only builtin plugins are loaded (%1).</source>
        <translation>Abgesicherter Modus: nur eingebaute Plugins sind geladen (%1).</translation>
    </message>
    <message>
        <source>%1 (%2) does not answer: %3. The values shown are old; trying again.</source>
        <translation>%1 (%2) antwortet nicht: %3. Die angezeigten Werte sind alt; neuer Versuch läuft.</translation>
    </message>
    <message>
        <source>Fleet</source>
        <translation>Flotte</translation>
    </message>
</context>
<context>
    <name>ModbusPlugin</name>
    <message>
        <source>%1: the name '%2' cannot be part of a reading id; use lower-case letters, digits and '_', starting with a letter, such as 'voltage_l1'</source>
        <translation>%1: der Name „%2“ kann nicht Teil einer Messwert-ID sein; verwenden Sie Kleinbuchstaben, Ziffern und „_“, beginnend mit einem Buchstaben, etwa „voltage_l1“</translation>
    </message>
    <message>
        <source>%1: sim_value is for simulated devices (sim: true); remove it</source>
        <translation>%1: sim_value ist für simulierte Geräte (sim: true); entfernen Sie es</translation>
    </message>
    <message>
        <source>%1: a %2 is on or off; remove type '%3'</source>
        <translation>%1: ein %2 ist an oder aus; entfernen Sie type „%3“</translation>
    </message>
    <message>
        <source>%1: a %2 is on or off; remove scale and offset</source>
        <translation>%1: ein %2 ist an oder aus; entfernen Sie scale und offset</translation>
    </message>
    <message>
        <source>%1: scale 0 would make every value equal to the offset; use 1 for the raw value</source>
        <translation>%1: scale 0 würde jeden Wert gleich dem Offset machen; verwenden Sie 1 für den Rohwert</translation>
    </message>
    <message>
        <source>%1: %2s are read-only in Modbus; only holding registers and coils can be writable (remove writable, or use table: %3)</source>
        <translation>%1: Einträge vom Typ %2 sind in Modbus schreibgeschützt; nur Holding-Register und Coils können beschreibbar sein (entfernen Sie writable, oder verwenden Sie table: %3)</translation>
    </message>
    <message>
        <source>%1: sim_value: %2</source>
        <translation>%1: sim_value: %2</translation>
    </message>
    <message>
        <source>%1: a %2 at address %3 needs two registers and runs past the last address 65535</source>
        <translation>%1: ein %2 an Adresse %3 braucht zwei Register und reicht über die letzte Adresse 65535 hinaus</translation>
    </message>
    <message>
        <source>%1: the name '%2' cannot be part of a reading id; use lower-case letters, digits and '_', starting with a letter, such as 'meter'</source>
        <translation>%1: der Name „%2“ kann nicht Teil einer Messwert-ID sein; verwenden Sie Kleinbuchstaben, Ziffern und „_“, beginnend mit einem Buchstaben, etwa „meter“</translation>
    </message>
    <message>
        <source>%1: give exactly one of tcp: "host:port" (Modbus TCP), rtu: {port: /dev/ttyUSB0, ...} (serial) or sim: true (simulated)%2</source>
        <translation>%1: geben Sie genau eines an: tcp: "host:port" (Modbus TCP), rtu: {port: /dev/ttyUSB0, ...} (seriell) oder sim: true (simuliert)%2</translation>
    </message>
    <message>
        <source>, not several</source>
        <translation>, nicht mehrere</translation>
    </message>
    <message>
        <source>%1: tcp '%2' is not "host:port"; write e.g. "192.168.1.50:502" or "meter.local:502"</source>
        <translation>%1: tcp „%2“ ist nicht "host:port"; schreiben Sie z. B. "192.168.1.50:502" oder "meter.local:502"</translation>
    </message>
    <message>
        <source>%1: rtu.port is missing; give the serial device such as /dev/ttyUSB0</source>
        <translation>%1: rtu.port fehlt; geben Sie die serielle Schnittstelle an, etwa /dev/ttyUSB0</translation>
    </message>
    <message>
        <source>%1: interval_s %2 is more than twice the instance's interval_s %3, so its readings would show as stale between two polls; raise the interval_s at the top of the modbus config to at least %4</source>
        <translation>%1: interval_s %2 ist mehr als doppelt so groß wie interval_s %3 der Instanz, daher würden seine Messwerte zwischen zwei Abfragen als veraltet erscheinen; erhöhen Sie interval_s oben in der modbus-Konfiguration auf mindestens %4</translation>
    </message>
    <message>
        <source>%1: registers is empty; list what to read, e.g. {name: voltage, table: input, address: 0, type: float32}</source>
        <translation>%1: registers ist leer; führen Sie auf, was gelesen werden soll, z. B. {name: voltage, table: input, address: 0, type: float32}</translation>
    </message>
    <message>
        <source>%1.registers[%2]: the name '%3' is already used by registers[%4]; each register needs its own name</source>
        <translation>%1.registers[%2]: der Name „%3“ wird bereits von registers[%4] verwendet; jedes Register braucht einen eigenen Namen</translation>
    </message>
    <message>
        <source>%1: the name '%2' is already used by devices[%3]; each device needs its own name</source>
        <translation>%1: der Name „%2“ wird bereits von devices[%3] verwendet; jedes Gerät braucht einen eigenen Namen</translation>
    </message>
    <message>
        <source>%1: %2 is also used by %3 with other settings (%4, timeout_ms %5); the devices of one serial line share its baud, parity, data_bits, stop_bits and timeout_ms</source>
        <translation>%1: %2 wird auch von %3 mit anderen Einstellungen verwendet (%4, timeout_ms %5); die Geräte einer seriellen Leitung teilen sich deren baud, parity, data_bits, stop_bits und timeout_ms</translation>
    </message>
    <message>
        <source>%1: unit_id %2 on %3 is already used by %4; each device on a serial line needs its own unit id</source>
        <translation>%1: unit_id %2 an %3 wird bereits von %4 verwendet; jedes Gerät an einer seriellen Leitung braucht eine eigene Unit-ID</translation>
    </message>
    <message>
        <source>%1.registers[%2] (%3): its reading id '%4' is also the id of %5; rename the device or the register</source>
        <translation>%1.registers[%2] (%3): seine Messwert-ID „%4“ ist auch die ID von %5; benennen Sie das Gerät oder das Register um</translation>
    </message>
    <message>
        <source>a coil is on or off: give true/false, 1/0 or "on"/"off"</source>
        <translation>ein Coil ist an oder aus: geben Sie true/false, 1/0 oder "on"/"off" an</translation>
    </message>
    <message>
        <source>'%1' is not a number</source>
        <translation>„%1“ ist keine Zahl</translation>
    </message>
    <message>
        <source>a %1 register takes a number</source>
        <translation>ein %1-Register nimmt eine Zahl</translation>
    </message>
    <message>
        <source>%1 is out of range for a float32</source>
        <translation>%1 liegt außerhalb des Bereichs eines float32</translation>
    </message>
    <message>
        <source>%1 is out of range: %2 holds %3 to %4%5</source>
        <translation>%1 liegt außerhalb des Bereichs: %2 fasst %3 bis %4%5</translation>
    </message>
    <message>
        <source> (after scale %1 and offset %2)</source>
        <translation> (nach scale %1 und offset %2)</translation>
    </message>
    <message>
        <source>waiting for the first answer from %1 (%2)</source>
        <translation>warte auf die erste Antwort von %1 (%2)</translation>
    </message>
    <message>
        <source>no answer from %1 within %2 ms while connecting</source>
        <translation>keine Antwort von %1 innerhalb von %2 ms beim Verbinden</translation>
    </message>
    <message>
        <source>closed by the other side</source>
        <translation>von der Gegenseite geschlossen</translation>
    </message>
    <message>
        <source>connection to %1 (%2) lost: %3</source>
        <translation>Verbindung zu %1 (%2) verloren: %3</translation>
    </message>
    <message>
        <source>cannot connect to %1 at %2: %3</source>
        <translation>keine Verbindung zu %1 unter %2 möglich: %3</translation>
    </message>
    <message>
        <source>cannot open the serial port %1 for %2: %3</source>
        <translation>die serielle Schnittstelle %1 für %2 kann nicht geöffnet werden: %3</translation>
    </message>
    <message>
        <source>illegal data address %1: the device has no such register; check the address (0-based) and table in its manual</source>
        <translation>unzulässige Datenadresse %1: das Gerät hat kein solches Register; prüfen Sie Adresse (ab 0) und Tabelle in seinem Handbuch</translation>
    </message>
    <message>
        <source>illegal function for %1: the device does not support reading this table</source>
        <translation>unzulässige Funktion für %1: das Gerät unterstützt das Lesen dieser Tabelle nicht</translation>
    </message>
    <message>
        <source>no answer from %1 within %2 ms</source>
        <translation>keine Antwort von %1 innerhalb von %2 ms</translation>
    </message>
    <message>
        <source>%1 answered with %2 values instead of %3</source>
        <translation>%1 hat mit %2 statt %3 Werten geantwortet</translation>
    </message>
    <message>
        <source>%1 reports no value (not a number) at %2</source>
        <translation>%1 meldet keinen Wert (keine Zahl) bei %2</translation>
    </message>
    <message>
        <source>reading %1 failed: %2</source>
        <translation>das Lesen von %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>no answer to %1 polls in a row</source>
        <translation>keine Antwort auf %1 Abfragen in Folge</translation>
    </message>
    <message>
        <source>%1 is not connected (%2)</source>
        <translation>%1 ist nicht verbunden (%2)</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>verbindet</translation>
    </message>
    <message>
        <source>the write to %1 could not be sent: %2</source>
        <translation>der Schreibauftrag an %1 konnte nicht gesendet werden: %2</translation>
    </message>
    <message>
        <source>%1 refused the write: %2</source>
        <translation>%1 hat das Schreiben abgelehnt: %2</translation>
    </message>
    <message>
        <source>writing to %1 failed: %2</source>
        <translation>das Schreiben auf %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>QtSerialBus does not work here: its Modbus clients do not start unconnected; reinstall libqt6serialbus6</source>
        <translation>QtSerialBus funktioniert hier nicht: seine Modbus-Clients starten nicht unverbunden; installieren Sie libqt6serialbus6 neu</translation>
    </message>
    <message>
        <source>%1: the serial port %2 does not exist; plug the RS-485 adapter in and check the name with ls /dev/ttyUSB* /dev/ttyAMA* /dev/serial/by-id/</source>
        <translation>%1: die serielle Schnittstelle %2 gibt es nicht; stecken Sie den RS-485-Adapter ein und prüfen Sie den Namen mit ls /dev/ttyUSB* /dev/ttyAMA* /dev/serial/by-id/</translation>
    </message>
    <message>
        <source>%1: no permission to open the serial port %2; add the user smollama runs as to the dialout group (sudo usermod -aG dialout $USER, then log in again)</source>
        <translation>%1: keine Berechtigung, die serielle Schnittstelle %2 zu öffnen; fügen Sie den Benutzer, unter dem smollama läuft, zur Gruppe dialout hinzu (sudo usermod -aG dialout $USER, dann neu anmelden)</translation>
    </message>
    <message>
        <source>checking the Modbus configuration failed unexpectedly</source>
        <translation>die Prüfung der Modbus-Konfiguration ist unerwartet fehlgeschlagen</translation>
    </message>
    <message>
        <source>setting up the Modbus devices failed unexpectedly</source>
        <translation>das Einrichten der Modbus-Geräte ist unerwartet fehlgeschlagen</translation>
    </message>
    <message>
        <source>no Modbus device named '%1'; the devices are: %2</source>
        <translation>kein Modbus-Gerät namens „%1“; die Geräte sind: %2</translation>
    </message>
    <message>
        <source>device '%1' has no register named '%2'; writable registers: %3</source>
        <translation>das Gerät „%1“ hat kein Register namens „%2“; beschreibbare Register: %3</translation>
    </message>
    <message>
        <source>%1 %2 (%3) is read-only: %4s cannot be written in Modbus; writable registers: %5</source>
        <translation>%1 %2 (%3) ist schreibgeschützt: Einträge vom Typ %4 können in Modbus nicht geschrieben werden; beschreibbare Register: %5</translation>
    </message>
    <message>
        <source>%1 %2 is not marked writable, so it is not written; if writing it is safe, add writable: true to it in the config. Writable registers: %3</source>
        <translation>%1 %2 ist nicht als beschreibbar markiert und wird daher nicht geschrieben; wenn das Schreiben sicher ist, ergänzen Sie writable: true in der Konfiguration. Beschreibbare Register: %3</translation>
    </message>
    <message>
        <source>cannot write %1 %2: %3</source>
        <translation>%1 %2 kann nicht geschrieben werden: %3</translation>
    </message>
</context>
<context>
    <name>NodeDirectory</name>
    <message>
        <source>%1 said it went offline at %2</source>
        <translation>%1 meldete ihn um %2 als offline</translation>
    </message>
    <message>
        <source>nothing heard from it yet</source>
        <translation>noch nichts von ihm gehört</translation>
    </message>
    <message>
        <source>nothing heard from it for %1 s (readings.node_offline_after_s: %2)</source>
        <translation>seit %1 s nichts von ihm gehört (readings.node_offline_after_s: %2)</translation>
    </message>
</context>
<context>
    <name>NodeRuntime</name>
    <message>
        <source>the process uses %1 MiB, %2 MiB more than when its start finished (%3 MiB): something keeps memory, such as a plugin that leaks. In-process plugins share the process's memory, so smollama cannot tell which one it is; see docs/resilience.md (a plugin that leaks memory)</source>
        <extracomment>%1, %2 and %3 are sizes in MiB</extracomment>
        <translation>der Prozess belegt %1 MiB, %2 MiB mehr als am Ende seines Starts (%3 MiB): etwas behält Speicher, etwa ein Plugin mit Speicherleck. Plugins im Prozess teilen sich seinen Speicher, daher kann smollama nicht sagen, welches es ist; siehe docs/resilience.md (Ein Plugin mit Speicherleck)</translation>
    </message>
    <message numerus="yes">
        <source>%n agent rule(s) watch the readings</source>
        <translation>
            <numerusform>%n Agentenregel überwacht die Messwerte</numerusform>
            <numerusform>%n Agentenregeln überwachen die Messwerte</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OutputsPage</name>
    <message>
        <source>switching…</source>
        <translation>schaltet…</translation>
    </message>
    <message>
        <source>state unknown</source>
        <translation>Zustand unbekannt</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>No switchable outputs. Configure output pins of the gpio plugin (mode: output) to switch them here.</source>
        <translation>Keine schaltbaren Ausgänge. Richten Sie Ausgangspins im gpio-Plugin ein (mode: output), um sie hier zu schalten.</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>No sensors yet. Enable a sensor plugin in the configuration (plugins section) and restart smollama.</source>
        <translation>Noch keine Sensoren. Aktivieren Sie ein Sensor-Plugin in der Konfiguration (Abschnitt plugins) und starten Sie smollama neu.</translation>
    </message>
    <message numerus="yes">
        <source>%n more below</source>
        <translation>
            <numerusform>%n weitere darunter</numerusform>
            <numerusform>%n weitere darunter</numerusform>
        </translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>offline – values are old</source>
        <translation>offline – Werte sind alt</translation>
    </message>
    <message>
        <source>All nodes</source>
        <translation>Alle Knoten</translation>
    </message>
</context>
<context>
    <name>PluginHost</name>
    <message>
        <source>the plugin host %1 did not start within %2 s</source>
        <translation>der Plugin-Host %1 ist nicht innerhalb von %2 s gestartet</translation>
    </message>
    <message>
        <source>the plugin host %1 %2 before it said hello</source>
        <translation>der Plugin-Host %1 ist %2, bevor er sich gemeldet hat</translation>
    </message>
    <message>
        <source>the plugin host %1 speaks protocol %2, this smollama %3: install matching versions</source>
        <translation>der Plugin-Host %1 spricht Protokoll %2, dieses smollama %3: installieren Sie zueinander passende Versionen</translation>
    </message>
    <message>
        <source>loading the library</source>
        <translation>dem Laden der Bibliothek</translation>
    </message>
    <message>
        <source>plugin host %1 while loading the library</source>
        <translation>Plugin-Host beim Laden der Bibliothek %1</translation>
    </message>
    <message>
        <source>%1 did not finish within %2 s; the plugin host was stopped</source>
        <translation>%1 wurde nicht innerhalb von %2 s fertig; der Plugin-Host wurde beendet</translation>
    </message>
    <message>
        <source>the plugin host is gone</source>
        <translation>der Plugin-Host ist nicht mehr da</translation>
    </message>
    <message>
        <source>not set up yet</source>
        <translation>noch nicht eingerichtet</translation>
    </message>
    <message>
        <source>plugin host %1 during %2</source>
        <translation>Plugin-Host %1 während %2</translation>
    </message>
    <message numerus="yes">
        <source>%1; %n crash(es) within 5 minutes: not started again until smollama restarts</source>
        <translation>
            <numerusform>%1; %n Absturz innerhalb von 5 Minuten: wird erst nach einem Neustart von smollama wieder gestartet</numerusform>
            <numerusform>%1; %n Abstürze innerhalb von 5 Minuten: wird erst nach einem Neustart von smollama wieder gestartet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1; started again in %2 s (%n crash(es) so far)</source>
        <translation>
            <numerusform>%1; wird in %2 s neu gestartet (bisher %n Absturz)</numerusform>
            <numerusform>%1; wird in %2 s neu gestartet (bisher %n Abstürze)</numerusform>
        </translation>
    </message>
    <message>
        <source>setup() failed in the restarted plugin host: %1</source>
        <translation>setup() ist im neu gestarteten Plugin-Host fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>memory limit exceeded (%1 MiB &gt; %2 MiB, max_rss_mb)</source>
        <translation>Speichergrenze überschritten (%1 MiB &gt; %2 MiB, max_rss_mb)</translation>
    </message>
    <message>
        <source>read #%1</source>
        <translation>Lesevorgang Nr. %1</translation>
    </message>
    <message>
        <source>a call of tool %1</source>
        <translation>einem Aufruf des Werkzeugs %1</translation>
    </message>
    <message>
        <source>crashed (%1)</source>
        <extracomment>%1 is a signal name such as SIGSEGV</extracomment>
        <translation>abgestürzt (%1)</translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation>mit Code %1 beendet</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>it was never set up in its plugin host: restart smollama to set it up again</source>
        <translation>es wurde in seinem Plugin-Host nie eingerichtet: Starten Sie smollama neu, um es erneut einzurichten</translation>
    </message>
    <message>
        <source>its plugin host has not given up: it runs, or is started again by itself</source>
        <translation>sein Plugin-Host hat nicht aufgegeben: Er läuft oder wird von selbst neu gestartet</translation>
    </message>
    <message>
        <source>its plugin host is being started again on request</source>
        <translation>sein Plugin-Host wird auf Anfrage neu gestartet</translation>
    </message>
    <message>
        <source>plugin host %1 between calls</source>
        <extracomment>%1 is "crashed (SIGSEGV)" or "exited with code 3", %2 what it did ("read #3")</extracomment>
        <translation>Plugin-Host %1 zwischen zwei Aufrufen</translation>
    </message>
</context>
<context>
    <name>PluginInstaller</name>
    <message>
        <source>cannot create a temporary folder: %1</source>
        <translation>ein temporärer Ordner kann nicht angelegt werden: %1</translation>
    </message>
    <message>
        <source>Installing to %1</source>
        <translation>Installiere nach %1</translation>
    </message>
    <message>
        <source>Cloning %1</source>
        <translation>Klone %1</translation>
    </message>
    <message>
        <source>git is not installed: sudo apt-get install git</source>
        <translation>git ist nicht installiert: sudo apt-get install git</translation>
    </message>
    <message>
        <source>cannot clone %1; nothing was installed:
%2</source>
        <translation>%1 kann nicht geklont werden; nichts wurde installiert:
%2</translation>
    </message>
    <message>
        <source>Checking out %1</source>
        <translation>Checke %1 aus</translation>
    </message>
    <message>
        <source>%1 has no branch, tag or commit '%2'; nothing was installed:
%3</source>
        <translation>%1 hat keinen Branch, kein Tag und keinen Commit „%2“; nichts wurde installiert:
%3</translation>
    </message>
    <message>
        <source>--ref needs a git URL; %1 is a local path</source>
        <translation>--ref braucht eine Git-URL; %1 ist ein lokaler Pfad</translation>
    </message>
    <message>
        <source>%1 does not exist: give a git URL (https://, ssh://, git@host:path, file://, a path ending in .git), a plugin source folder, a folder with a built plugin or a .so file</source>
        <translation>%1 existiert nicht: geben Sie eine Git-URL (https://, ssh://, git@host:pfad, file://, ein Pfad mit der Endung .git), einen Plugin-Quellordner, einen Ordner mit einem gebauten Plugin oder eine .so-Datei an</translation>
    </message>
    <message>
        <source>Looking for a built plugin in %1</source>
        <translation>Suche ein gebautes Plugin in %1</translation>
    </message>
    <message>
        <source>the smollama plugin SDK (SmollamaConfig.cmake) is not at %1: install smollama's SDK, or point SMOLLAMA_SDK_DIR at its lib/cmake/Smollama folder</source>
        <translation>das smollama-Plugin-SDK (SmollamaConfig.cmake) liegt nicht in %1: installieren Sie das SDK von smollama oder lassen Sie SMOLLAMA_SDK_DIR auf seinen Ordner lib/cmake/Smollama zeigen</translation>
    </message>
    <message>
        <source>cmake is not installed: sudo apt-get install cmake build-essential qt6-base-dev</source>
        <translation>cmake ist nicht installiert: sudo apt-get install cmake build-essential qt6-base-dev</translation>
    </message>
    <message>
        <source>Configuring (CMake, against the SDK in %1)</source>
        <translation>Konfiguriere (CMake, gegen das SDK in %1)</translation>
    </message>
    <message>
        <source>configuring %1 failed; nothing was installed:
%2</source>
        <translation>das Konfigurieren von %1 ist fehlgeschlagen; nichts wurde installiert:
%2</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>Baue</translation>
    </message>
    <message>
        <source>building %1 failed; nothing was installed:
%2</source>
        <translation>das Bauen von %1 ist fehlgeschlagen; nichts wurde installiert:
%2</translation>
    </message>
    <message>
        <source>no smollama plugin library (a .so with the %1 interface) was found in %2; nothing was installed</source>
        <translation>keine smollama-Plugin-Bibliothek (eine .so mit der Schnittstelle %1) in %2 gefunden; nichts wurde installiert</translation>
    </message>
    <message>
        <source>%1 has several plugin libraries (%2): install them one by one; nothing was installed</source>
        <translation>%1 hat mehrere Plugin-Bibliotheken (%2): installieren Sie sie einzeln; nichts wurde installiert</translation>
    </message>
    <message>
        <source>Validating %1</source>
        <translation>Prüfe %1</translation>
    </message>
    <message>
        <source>%1 is not an installable plugin; nothing was installed:
    %2</source>
        <translation>%1 ist kein installierbares Plugin; nichts wurde installiert:
    %2</translation>
    </message>
    <message>
        <source>the plugin's name '%1' is invalid; nothing was installed</source>
        <translation>der Name des Plugins „%1“ ist ungültig; nichts wurde installiert</translation>
    </message>
    <message>
        <source>%1 now builds the plugin '%2', not '%3'; nothing was changed</source>
        <translation>%1 baut jetzt das Plugin „%2“, nicht „%3“; nichts wurde geändert</translation>
    </message>
    <message>
        <source>Loading %1 %2 in a separate process</source>
        <translation>Lade %1 %2 in einem eigenen Prozess</translation>
    </message>
    <message>
        <source>the plugin did not finish loading within a minute; nothing was installed</source>
        <translation>das Plugin wurde nicht innerhalb einer Minute fertig geladen; nichts wurde installiert</translation>
    </message>
    <message>
        <source>the plugin crashed when loaded (signal %1); nothing was installed</source>
        <translation>das Plugin ist beim Laden abgestürzt (Signal %1); nichts wurde installiert</translation>
    </message>
    <message>
        <source>the plugin cannot be loaded; nothing was installed:
%1</source>
        <translation>das Plugin kann nicht geladen werden; nichts wurde installiert:
%1</translation>
    </message>
    <message>
        <source>'%1' is the name of a builtin plugin; an installed copy would never be used. Rename the plugin (nothing was installed).</source>
        <translation>„%1“ ist der Name eines eingebauten Plugins; eine installierte Kopie würde nie verwendet. Benennen Sie das Plugin um (nichts wurde installiert).</translation>
    </message>
    <message>
        <source>the plugin '%1' is already installed in %2%3; add --force to replace it (nothing was changed)</source>
        <translation>das Plugin „%1“ ist bereits in %2%3 installiert; fügen Sie --force hinzu, um es zu ersetzen (nichts wurde geändert)</translation>
    </message>
    <message>
        <source> (version %1)</source>
        <translation> (Version %1)</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot write to %1: %2</source>
        <translation>in %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>cannot write to %1; nothing was installed</source>
        <translation>in %1 kann nicht geschrieben werden; nichts wurde installiert</translation>
    </message>
    <message>
        <source>cannot move the installed %1 aside; nothing was changed</source>
        <translation>das installierte %1 kann nicht beiseitegeschoben werden; nichts wurde geändert</translation>
    </message>
    <message>
        <source>cannot move the new plugin into %1; nothing was changed</source>
        <translation>das neue Plugin kann nicht nach %1 verschoben werden; nichts wurde geändert</translation>
    </message>
    <message>
        <source>'%1' is not a plugin name</source>
        <translation>„%1“ ist kein Plugin-Name</translation>
    </message>
    <message>
        <source>'%1' is a builtin plugin and cannot be uninstalled; to turn it off set plugins.builtin.%1.enabled: false in the configuration</source>
        <translation>„%1“ ist ein eingebautes Plugin und kann nicht deinstalliert werden; um es auszuschalten, setzen Sie plugins.builtin.%1.enabled: false in der Konfiguration</translation>
    </message>
    <message>
        <source>no plugin '%1' is installed in %2 (see smollama-cli plugin list)</source>
        <translation>kein Plugin „%1“ ist in %2 installiert (siehe smollama-cli plugin list)</translation>
    </message>
    <message>
        <source>cannot remove %1 (permissions?)</source>
        <translation>%1 kann nicht entfernt werden (Berechtigungen?)</translation>
    </message>
    <message>
        <source>its root object is not a Smollama::PluginFactory</source>
        <translation>sein Wurzelobjekt ist keine Smollama::PluginFactory</translation>
    </message>
    <message>
        <source>PluginFactory::create() threw an exception</source>
        <translation>PluginFactory::create() hat eine Ausnahme ausgelöst</translation>
    </message>
    <message>
        <source>PluginFactory::create() returned no object</source>
        <translation>PluginFactory::create() hat kein Objekt zurückgegeben</translation>
    </message>
</context>
<context>
    <name>PluginManager</name>
    <message>
        <source>it carries no SDK stamp ("sdkVersion"): build it with smollama_add_plugin() from the smollama SDK %1</source>
        <translation>es trägt keinen SDK-Stempel („sdkVersion“): bauen Sie es mit smollama_add_plugin() aus dem smollama-SDK %1</translation>
    </message>
    <message>
        <source>its SDK stamp "%1" is malformed: rebuild it with smollama_add_plugin() from the smollama SDK %2</source>
        <translation>sein SDK-Stempel „%1“ ist fehlerhaft: bauen Sie es neu mit smollama_add_plugin() aus dem smollama-SDK %2</translation>
    </message>
    <message>
        <source>built for SDK %1, this is %2: rebuild it against this SDK</source>
        <translation>für SDK %1 gebaut, dies ist %2: bauen Sie es gegen dieses SDK neu</translation>
    </message>
    <message>
        <source>built for SDK %1, newer than this smollama's SDK %2: upgrade smollama or rebuild the plugin against SDK %2</source>
        <translation>für SDK %1 gebaut, neuer als das SDK %2 dieses smollama: aktualisieren Sie smollama oder bauen Sie das Plugin gegen SDK %2 neu</translation>
    </message>
    <message>
        <source>"configSchema" is not a valid JSON Schema: %1</source>
        <translation>„configSchema“ ist kein gültiges JSON-Schema: %1</translation>
    </message>
    <message>
        <source>no Qt plugin metadata found: it is not a Qt 6 plugin (a plugin built with Qt 5, or a plain library); rebuild it with smollama_add_plugin() against Qt %1</source>
        <translation>keine Qt-Plugin-Metadaten gefunden: es ist kein Qt-6-Plugin (ein mit Qt 5 gebautes Plugin oder eine gewöhnliche Bibliothek); bauen Sie es mit smollama_add_plugin() gegen Qt %1 neu</translation>
    </message>
    <message>
        <source>built for plugin interface %1, this smollama has %2: rebuild it against this SDK (%3)</source>
        <translation>für die Plugin-Schnittstelle %1 gebaut, dieses smollama hat %2: bauen Sie es gegen dieses SDK neu (%3)</translation>
    </message>
    <message>
        <source>not a smollama plugin (its interface is "%1", expected "%2")</source>
        <translation>kein smollama-Plugin (seine Schnittstelle ist „%1“, erwartet „%2“)</translation>
    </message>
    <message>
        <source>built with Qt %1.%2, this smollama runs Qt %3: rebuild it against this Qt</source>
        <translation>mit Qt %1.%2 gebaut, dieses smollama läuft mit Qt %3: bauen Sie es gegen dieses Qt neu</translation>
    </message>
    <message>
        <source>its manifest is missing: give Q_PLUGIN_METADATA a FILE with the plugin.json</source>
        <translation>sein Manifest fehlt: geben Sie Q_PLUGIN_METADATA eine FILE mit der plugin.json</translation>
    </message>
    <message>
        <source>invalid manifest: %1</source>
        <translation>ungültiges Manifest: %1</translation>
    </message>
    <message>
        <source>%1 threw an exception: %2</source>
        <translation>%1 hat eine Ausnahme ausgelöst: %2</translation>
    </message>
    <message>
        <source>%1 threw an unknown exception</source>
        <translation>%1 hat eine unbekannte Ausnahme ausgelöst</translation>
    </message>
    <message>
        <source>needs the shared library %1, which is not installed or not on the library path (install the package that provides it, e.g. find it with: apt-file search %1)</source>
        <translation>braucht die Shared Library %1, die nicht installiert ist oder nicht im Bibliothekspfad liegt (installieren Sie das Paket, das sie enthält, z. B. zu finden mit: apt-file search %1)</translation>
    </message>
    <message>
        <source>cannot be loaded: undefined symbol %1; it was built against another version of smollama or of a library it uses: rebuild it</source>
        <translation>kann nicht geladen werden: undefiniertes Symbol %1; es wurde gegen eine andere Version von smollama oder einer verwendeten Bibliothek gebaut: bauen Sie es neu</translation>
    </message>
    <message>
        <source>cannot be loaded: %1</source>
        <translation>kann nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>a plugin named '%1' was already found at %2; that one is used, remove one of them</source>
        <translation>ein Plugin namens „%1“ wurde bereits in %2 gefunden; jenes wird verwendet, entfernen Sie eines der beiden</translation>
    </message>
    <message>
        <source>not loaded: started with --noload %1</source>
        <translation>nicht geladen: mit --noload %1 gestartet</translation>
    </message>
    <message>
        <source>safe mode: only builtin plugins run (%1); start with --load %2 to load it anyway</source>
        <translation>abgesicherter Modus: nur eingebaute Plugins laufen (%1); starten Sie mit --load %2, um es trotzdem zu laden</translation>
    </message>
    <message>
        <source>instance name '%1' is already used by %2%3; rename one of them</source>
        <translation>der Instanzname „%1“ wird bereits von %2%3 verwendet; benennen Sie eine von beiden um</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>disabled in the configuration (%1.enabled: false)</source>
        <translation>in der Konfiguration deaktiviert (%1.enabled: false)</translation>
    </message>
    <message>
        <source>; no plugin named '%1' is installed</source>
        <translation>; kein Plugin namens „%1“ ist installiert</translation>
    </message>
    <message>
        <source>no plugin named '%1' was found (searched %2); install it with `smollama-cli plugin install`, or fix the module name%3</source>
        <translation>kein Plugin namens „%1“ gefunden (durchsucht: %2); installieren Sie es mit `smollama-cli plugin install` oder korrigieren Sie den Modulnamen%3</translation>
    </message>
    <message>
        <source> at %1</source>
        <translation> in %1</translation>
    </message>
    <message>
        <source>not enabled in the configuration: add plugins.builtin.%1: {enabled: true}</source>
        <translation>in der Konfiguration nicht aktiviert: fügen Sie plugins.builtin.%1: {enabled: true} hinzu</translation>
    </message>
    <message>
        <source>installed but not configured: add {name: %1, module: %1} to plugins.custom</source>
        <translation>installiert, aber nicht konfiguriert: fügen Sie {name: %1, module: %1} zu plugins.custom hinzu</translation>
    </message>
    <message>
        <source>its root object does not implement %1: declare Q_INTERFACES(Smollama::PluginFactory) in the factory</source>
        <translation>sein Wurzelobjekt implementiert %1 nicht: deklarieren Sie Q_INTERFACES(Smollama::PluginFactory) in der Factory</translation>
    </message>
    <message>
        <source>its factory created no instance (create() returned null)</source>
        <translation>seine Factory hat keine Instanz erzeugt (create() gab null zurück)</translation>
    </message>
    <message>
        <source>Smollama::ReadingProvider (it declares type "sensor")</source>
        <translation>Smollama::ReadingProvider (es gibt den Typ „sensor“ an)</translation>
    </message>
    <message>
        <source>Smollama::ToolProvider (it declares type "tool")</source>
        <translation>Smollama::ToolProvider (es gibt den Typ „tool“ an)</translation>
    </message>
    <message>
        <source>its instance object does not implement %1: add it to Q_INTERFACES</source>
        <translation>sein Instanzobjekt implementiert %1 nicht: fügen Sie es zu Q_INTERFACES hinzu</translation>
    </message>
    <message>
        <source>setup() did not finish within %1 s; the instance was given up</source>
        <translation>setup() wurde nicht innerhalb von %1 s fertig; die Instanz wurde aufgegeben</translation>
    </message>
    <message>
        <source>not ready: %1</source>
        <translation>nicht bereit: %1</translation>
    </message>
    <message>
        <source>setup() failed without a reason</source>
        <translation>setup() ist ohne Angabe eines Grundes fehlgeschlagen</translation>
    </message>
    <message>
        <source>sources()/tools() did not return within %1 s</source>
        <translation>sources()/tools() kam nicht innerhalb von %1 s zurück</translation>
    </message>
    <message>
        <source>reading source '%1' is already taken by instance '%2'</source>
        <translation>die Messwertquelle „%1“ ist bereits von der Instanz „%2“ belegt</translation>
    </message>
    <message>
        <source>tool '%1' is already provided by instance '%2'</source>
        <translation>das Tool „%1“ wird bereits von der Instanz „%2“ bereitgestellt</translation>
    </message>
    <message>
        <source>started with --safe-mode</source>
        <translation>mit --safe-mode gestartet</translation>
    </message>
    <message>
        <source>the last %1 starts did not finish</source>
        <translation>die letzten %1 Starts wurden nicht abgeschlossen</translation>
    </message>
    <message numerus="yes">
        <source>%1; %n failed attempt(s), next attempt at %2 (in %3 s)</source>
        <extracomment>%1 is why setup() failed, %2 a time of day (HH:mm:ss), %3 seconds</extracomment>
        <translation>
            <numerusform>%1; %n Fehlversuch, nächster Versuch um %2 (in %3 s)</numerusform>
            <numerusform>%1; %n Fehlversuche, nächster Versuch um %2 (in %3 s)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: the node offers no tools here</source>
        <translation>%1: der Knoten bietet hier keine Werkzeuge an</translation>
    </message>
    <message>
        <source>this node has no agent</source>
        <translation>dieser Knoten hat keinen Agenten</translation>
    </message>
    <message>
        <source>%1: the tools are not ready yet</source>
        <translation>%1: die Werkzeuge sind noch nicht bereit</translation>
    </message>
    <message>
        <source>the agent is not ready yet</source>
        <translation>der Agent ist noch nicht bereit</translation>
    </message>
    <message>
        <source>the agent has too many questions waiting</source>
        <translation>beim Agenten warten zu viele Fragen</translation>
    </message>
    <message>
        <source>the builtin plugin '%1' is not installed (searched %2): install the package smollama-plugin-%1 (sudo apt install smollama-plugin-%1), or set %3.enabled: false</source>
        <translation>das mitgelieferte Plugin '%1' ist nicht installiert (durchsucht: %2): installieren Sie das Paket smollama-plugin-%1 (sudo apt install smollama-plugin-%1) oder setzen Sie %3.enabled: false</translation>
    </message>
    <message>
        <source>the first read</source>
        <translation>dem ersten Lesen</translation>
    </message>
    <message>
        <source>read #%1</source>
        <translation>Lesen Nr. %1</translation>
    </message>
    <message>
        <source>a tool call</source>
        <translation>einem Werkzeugaufruf</translation>
    </message>
    <message>
        <source>work on a thread of its own</source>
        <translation>Arbeit auf einem eigenen Thread</translation>
    </message>
    <message numerus="yes">
        <source> (%1, %n crash(es) so far)</source>
        <extracomment>%1 is a signal name such as SIGSEGV</extracomment>
        <translation>
            <numerusform> (%1, bisher %n Absturz)</numerusform>
            <numerusform> (%1, bisher %n Abstürze)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%n crash(es) so far)</source>
        <translation>
            <numerusform> (bisher %n Absturz)</numerusform>
            <numerusform> (bisher %n Abstürze)</numerusform>
        </translation>
    </message>
    <message>
        <source>crashed during %1 on %2%3; it is skipped until `smollama-cli plugin enable %4` (or start with --no-crashcheck)</source>
        <translation>ist bei %1 am %2%3 abgestürzt; es wird übersprungen bis `smollama-cli plugin enable %4` (oder Start mit --no-crashcheck)</translation>
    </message>
    <message>
        <source>a call of tool %1 has not returned for %2 s; the instance's other calls wait behind it</source>
        <extracomment>%1 is a tool name, %2 seconds</extracomment>
        <translation>ein Aufruf des Werkzeugs %1 ist seit %2 s nicht zurückgekehrt; die anderen Aufrufe der Instanz warten dahinter</translation>
    </message>
    <message>
        <source>plugin instance %1 is still busy with a call of tool %2 that has not returned since %3; its calls run one at a time on its own thread, so this one was not made</source>
        <extracomment>%1 an instance, %2 a tool name, %3 a time of day</extracomment>
        <translation>Plugin-Instanz %1 ist noch mit einem Aufruf des Werkzeugs %2 beschäftigt, der seit %3 nicht zurückgekehrt ist; ihre Aufrufe laufen nacheinander auf ihrem eigenen Thread, daher wurde dieser nicht ausgeführt</translation>
    </message>
    <message>
        <source>%1 is not a usable smollama plugin: %2</source>
        <translation>%1 ist kein verwendbares smollama-Plugin: %2</translation>
    </message>
    <message>
        <source>Smollama::ReadingSink (it declares type "sink")</source>
        <translation>Smollama::ReadingSink (es gibt den Typ "sink" an)</translation>
    </message>
    <message>
        <source>setting up since %1</source>
        <translation>wird eingerichtet seit %1</translation>
    </message>
    <message numerus="yes">
        <source>Plugin instance %1 publishes more than %2 readings/s; %n reading(s) dropped since the last report (limit: readings.max_readings_per_s)</source>
        <translation>
            <numerusform>Plugin-Instanz %1 veröffentlicht mehr als %2 Messwerte/s; %n Messwert seit der letzten Meldung verworfen (Grenze: readings.max_readings_per_s)</numerusform>
            <numerusform>Plugin-Instanz %1 veröffentlicht mehr als %2 Messwerte/s; %n Messwerte seit der letzten Meldung verworfen (Grenze: readings.max_readings_per_s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Loaded %1 (%2 %3) after %n failed setup attempt(s)</source>
        <translation>
            <numerusform>%1 (%2 %3) nach %n fehlgeschlagenen Einrichtungsversuch geladen</numerusform>
            <numerusform>%1 (%2 %3) nach %n fehlgeschlagenen Einrichtungsversuchen geladen</numerusform>
        </translation>
    </message>
    <message>
        <source>isolation: process needs the program smollama-plugin-host, which was not found (looked for %1); reinstall smollama or set isolation: inprocess</source>
        <translation>isolation: process braucht das Programm smollama-plugin-host, das nicht gefunden wurde (gesucht: %1); installieren Sie smollama neu oder setzen Sie isolation: inprocess</translation>
    </message>
    <message>
        <source>there is no plugin instance named %1</source>
        <translation>es gibt keine Plugin-Instanz namens %1</translation>
    </message>
    <message>
        <source>%1 runs in smollama's process, not in a plugin host: restart smollama to set it up again</source>
        <translation>%1 läuft im Prozess von smollama, nicht in einem Plugin-Host: Starten Sie smollama neu, um es erneut einzurichten</translation>
    </message>
    <message>
        <source>%1 has no plugin host that gave up (it is %2)</source>
        <translation>%1 hat keinen Plugin-Host, der aufgegeben hat (Status: %2)</translation>
    </message>
</context>
<context>
    <name>PluginsPage</name>
    <message>
        <source>version %1 · %2</source>
        <translation>Version %1 · %2</translation>
    </message>
    <message>
        <source>unknown author</source>
        <translation>Autor unbekannt</translation>
    </message>
    <message>
        <source>No plugins found.</source>
        <translation>Keine Plugins gefunden.</translation>
    </message>
</context>
<context>
    <name>ReadingManager</name>
    <message>
        <source>timed out after %1</source>
        <translation>Zeitüberschreitung nach %1</translation>
    </message>
    <message>
        <source>read() has not returned for %1; the sensor or its bus hangs and its thread is blocked (the other sensors go on; it recovers by itself if the read ever returns)</source>
        <translation>read() ist seit %1 nicht zurückgekehrt; der Sensor oder sein Bus hängt und sein Thread ist blockiert (die anderen Sensoren laufen weiter; er erholt sich von selbst, falls read() doch zurückkehrt)</translation>
    </message>
    <message>
        <source>no new value for %1 (expected every %2)</source>
        <translation>kein neuer Wert seit %1 (erwartet alle %2)</translation>
    </message>
    <message>
        <source>read() threw an exception: %1</source>
        <translation>read() hat eine Ausnahme ausgelöst: %1</translation>
    </message>
    <message>
        <source>read() threw an unknown exception</source>
        <translation>read() hat eine unbekannte Ausnahme ausgelöst</translation>
    </message>
    <message numerus="yes">
        <source>%n reads failed in a row: %1; polling every %2 (normally %3) until a read succeeds</source>
        <extracomment>%1 is the last error, %2 and %3 are durations such as "20 s"</extracomment>
        <translation>
            <numerusform>%n Lesevorgang in Folge fehlgeschlagen: %1; Abfrage alle %2 (sonst %3), bis ein Lesen gelingt</numerusform>
            <numerusform>%n Lesevorgänge in Folge fehlgeschlagen: %1; Abfrage alle %2 (sonst %3), bis ein Lesen gelingt</numerusform>
        </translation>
    </message>
    <message>
        <source>read() timed out after %1</source>
        <translation>read(): Zeitüberschreitung nach %1</translation>
    </message>
    <message>
        <source>node %1 is offline: %2</source>
        <extracomment>%1 is a node name, %2 why it counts as offline</extracomment>
        <translation>Knoten %1 ist offline: %2</translation>
    </message>
</context>
<context>
    <name>ReadingTile</name>
    <message>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
</context>
<context>
    <name>RemoteNode</name>
    <message>
        <source>the node wants its API token (--token-file)</source>
        <translation>der Knoten verlangt sein API-Token (--token-file)</translation>
    </message>
    <message>
        <source>the node closed the event stream</source>
        <translation>der Knoten hat den Ereignisstrom geschlossen</translation>
    </message>
    <message>
        <source>%1 at %2 is online</source>
        <translation>%1 unter %2 ist erreichbar</translation>
    </message>
    <message>
        <source>%1 at %2 is offline: %3</source>
        <translation>%1 unter %2 ist nicht erreichbar: %3</translation>
    </message>
    <message>
        <source>node offline: %1</source>
        <translation>Knoten nicht erreichbar: %1</translation>
    </message>
</context>
<context>
    <name>RuleEngine</name>
    <message>
        <source>expected an object {name, when, for, cooldown, prompt}</source>
        <translation>ein Objekt {name, when, for, cooldown, prompt} erwartet</translation>
    </message>
    <message>
        <source>name: missing; give every rule a name</source>
        <translation>name: fehlt; geben Sie jeder Regel einen Namen</translation>
    </message>
    <message>
        <source>name: '%1' is used by an earlier rule</source>
        <translation>name: „%1“ wird bereits von einer früheren Regel verwendet</translation>
    </message>
    <message>
        <source>when: expected "&lt;source&gt; &lt;op&gt; &lt;value&gt;" such as "system:cpu_temp &gt; 70" (op: &gt; &lt; &gt;= &lt;= == !=), got '%1'</source>
        <translation>when: „&lt;Quelle&gt; &lt;Op&gt; &lt;Wert&gt;“ erwartet, etwa „system:cpu_temp &gt; 70“ (Op: &gt; &lt; &gt;= &lt;= == !=), erhalten: „%1“</translation>
    </message>
    <message>
        <source>when: a boolean compares only with == or !=, got '%1'</source>
        <translation>when: ein Wahrheitswert lässt sich nur mit == oder != vergleichen, erhalten: „%1“</translation>
    </message>
    <message>
        <source>when: '%1' is neither a number nor true/false</source>
        <translation>when: „%1“ ist weder eine Zahl noch true/false</translation>
    </message>
    <message>
        <source>for: expected a duration such as "30s" or "5m"</source>
        <translation>for: eine Dauer wie „30s“ oder „5m“ erwartet</translation>
    </message>
    <message>
        <source>cooldown: expected a duration such as "10m"</source>
        <translation>cooldown: eine Dauer wie „10m“ erwartet</translation>
    </message>
    <message>
        <source>prompt: missing; say what the agent should do when the rule fires</source>
        <translation>prompt: fehlt; sagen Sie, was der Agent tun soll, wenn die Regel auslöst</translation>
    </message>
</context>
<context>
    <name>Smollama::Agent</name>
    <message>
        <source>busy: %1 questions are already waiting in conversation '%2'; ask again when one is answered</source>
        <translation>beschäftigt: %1 Fragen warten bereits in der Unterhaltung „%2“; fragen Sie erneut, wenn eine beantwortet ist</translation>
    </message>
    <message>
        <source>the question was canceled</source>
        <translation>die Frage wurde abgebrochen</translation>
    </message>
    <message>
        <source>no answer after %1 rounds of tool calls (agent.max_tool_iterations); the model kept calling tools</source>
        <translation>keine Antwort nach %1 Runden von Tool-Aufrufen (agent.max_tool_iterations); das Modell hat immer weiter Tools aufgerufen</translation>
    </message>
</context>
<context>
    <name>Smollama::ConversationModel</name>
    <message>
        <source>Stopped.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>The agent is not running.</source>
        <translation>Der Agent läuft nicht.</translation>
    </message>
    <message>
        <source>The model %1 cannot use tools; choose another in ollama.model.</source>
        <translation>Das Modell %1 kann keine Tools nutzen; wählen Sie in ollama.model ein anderes.</translation>
    </message>
    <message>
        <source>Ollama %1, model %2</source>
        <translation>Ollama %1, Modell %2</translation>
    </message>
</context>
<context>
    <name>Smollama::Dashboard</name>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
</context>
<context>
    <name>Smollama::FleetModel</name>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>vor %1</translation>
    </message>
</context>
<context>
    <name>Smollama::HistoryStore</name>
    <message>
        <source>smollama keeps running without persistence (the history of this run is kept in memory only).</source>
        <translation>smollama läuft ohne Speicherung weiter (der Verlauf dieses Laufs wird nur im Arbeitsspeicher gehalten).</translation>
    </message>
    <message>
        <source>The readings history database %1 is damaged or not a SQLite database (%2, while %3). Move it away to start a new history (mv %1 %1.broken) and restart smollama; %4</source>
        <translation>Die Messwert-Datenbank %1 ist beschädigt oder keine SQLite-Datenbank (%2, beim %3). Verschieben Sie sie, um einen neuen Verlauf zu beginnen (mv %1 %1.broken), und starten Sie smollama neu; %4</translation>
    </message>
    <message>
        <source>The readings history database %1 is locked by another program (%2, while %3). Close that program (sqlite3, a backup tool, a second smollama) and restart smollama, or move the file away to start a new history; %4</source>
        <translation>Die Messwert-Datenbank %1 ist von einem anderen Programm gesperrt (%2, beim %3). Schließen Sie dieses Programm (sqlite3, ein Sicherungsprogramm, ein zweites smollama) und starten Sie smollama neu, oder verschieben Sie die Datei, um einen neuen Verlauf zu beginnen; %4</translation>
    </message>
    <message>
        <source>The readings history database %1 was written by a newer smollama (%2). Update smollama, or move the file away to start a new history; %3</source>
        <translation>Die Messwert-Datenbank %1 wurde von einem neueren smollama geschrieben (%2). Aktualisieren Sie smollama oder verschieben Sie die Datei, um einen neuen Verlauf zu beginnen; %3</translation>
    </message>
    <message>
        <source>The readings history database %1 cannot be used (%2, while %3). Check the path and its permissions (history.database), or move the file away to start a new history; %4</source>
        <translation>Die Messwert-Datenbank %1 kann nicht verwendet werden (%2, beim %3). Prüfen Sie den Pfad und seine Rechte (history.database) oder verschieben Sie die Datei, um einen neuen Verlauf zu beginnen; %4</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>der Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>creating its folder</source>
        <translation>Anlegen ihres Ordners</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>es ist ein Ordner</translation>
    </message>
    <message>
        <source>opening it</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Qt's SQLite driver QSQLITE is missing; install libqt6sql6-sqlite</source>
        <translation>Qts SQLite-Treiber QSQLITE fehlt; installieren Sie libqt6sql6-sqlite</translation>
    </message>
    <message>
        <source>loading the database driver</source>
        <translation>Laden des Datenbanktreibers</translation>
    </message>
    <message>
        <source>switching it to WAL mode</source>
        <translation>Umschalten in den WAL-Modus</translation>
    </message>
    <message>
        <source>setting synchronous mode</source>
        <translation>Setzen des synchronous-Modus</translation>
    </message>
    <message>
        <source>checking it (PRAGMA quick_check)</source>
        <translation>Prüfen (PRAGMA quick_check)</translation>
    </message>
    <message>
        <source>quick_check says: %1</source>
        <translation>quick_check meldet: %1</translation>
    </message>
    <message>
        <source>reading its version</source>
        <translation>Lesen ihrer Version</translation>
    </message>
    <message>
        <source>schema version %1, this smollama knows up to %2</source>
        <translation>Schemaversion %1, dieses smollama kennt bis %2</translation>
    </message>
    <message>
        <source>creating its tables</source>
        <translation>Anlegen ihrer Tabellen</translation>
    </message>
    <message>
        <source>locking it for writing</source>
        <translation>Sperren zum Schreiben</translation>
    </message>
    <message>
        <source>preparing writes</source>
        <translation>Vorbereiten der Schreibvorgänge</translation>
    </message>
    <message>
        <source>adding a source</source>
        <translation>Hinzufügen einer Quelle</translation>
    </message>
    <message>
        <source>looking up a source</source>
        <translation>Nachschlagen einer Quelle</translation>
    </message>
    <message>
        <source>writing samples</source>
        <translation>Schreiben von Messpunkten</translation>
    </message>
    <message>
        <source>deleting samples older than %1 days</source>
        <translation>Löschen von Messpunkten, die älter als %1 Tage sind</translation>
    </message>
    <message>
        <source>loading the history</source>
        <translation>Laden des Verlaufs</translation>
    </message>
    <message>
        <source>Persistence is off (history.persist is false): the readings history is kept in memory only.</source>
        <translation>Speicherung ist aus (history.persist ist false): der Messwertverlauf wird nur im Arbeitsspeicher gehalten.</translation>
    </message>
    <message>
        <source>bringing its tables from version %1 to %2 (adding the node of each source)</source>
        <translation>beim Umstellen ihrer Tabellen von Version %1 auf %2 (jede Quelle erhält ihren Knoten)</translation>
    </message>
    <message>
        <source>reading the history of %1</source>
        <translation>beim Lesen des Verlaufs von %1</translation>
    </message>
    <message>
        <source>setting its cache size</source>
        <translation>Setzen seiner Cache-Größe</translation>
    </message>
    <message>
        <source>looking for samples the last run left in recent</source>
        <translation>Suchen nach Messpunkten, die der letzte Lauf in recent gelassen hat</translation>
    </message>
    <message>
        <source>moving the last minute's samples into place</source>
        <translation>Verschieben der Messpunkte der letzten Minute an ihren Platz</translation>
    </message>
</context>
<context>
    <name>Smollama::OllamaChatReply</name>
    <message>
        <source>Ollama is not reachable at %1 (no connection within %2 s) — start it with `ollama serve` or set ollama.host</source>
        <translation>Ollama ist unter %1 nicht erreichbar (keine Verbindung innerhalb von %2 s) — starten Sie es mit `ollama serve` oder setzen Sie ollama.host</translation>
    </message>
    <message>
        <source>Ollama at %1 sent nothing for %2 s; the model may still be loading on a slow machine: raise ollama.timeout_s or use a smaller model</source>
        <translation>Ollama unter %1 hat %2 s lang nichts gesendet; das Modell lädt auf einem langsamen Rechner vielleicht noch: erhöhen Sie ollama.timeout_s oder nehmen Sie ein kleineres Modell</translation>
    </message>
    <message>
        <source>the request to Ollama was canceled</source>
        <translation>die Anfrage an Ollama wurde abgebrochen</translation>
    </message>
    <message>
        <source>Ollama reported an error while answering: %1</source>
        <translation>Ollama hat beim Antworten einen Fehler gemeldet: %1</translation>
    </message>
    <message>
        <source>Ollama is not reachable at %1 — start it with `ollama serve` or set ollama.host</source>
        <translation>Ollama ist unter %1 nicht erreichbar — starten Sie es mit `ollama serve` oder setzen Sie ollama.host</translation>
    </message>
    <message>
        <source>the connection to Ollama at %1 was lost: %2</source>
        <translation>die Verbindung zu Ollama unter %1 ist abgebrochen: %2</translation>
    </message>
    <message>
        <source>Ollama is not reachable at %1 (%2) — start it with `ollama serve` or set ollama.host</source>
        <translation>Ollama ist unter %1 nicht erreichbar (%2) — starten Sie es mit `ollama serve` oder setzen Sie ollama.host</translation>
    </message>
    <message>
        <source>model '%1' is not installed: ollama pull %1 (Ollama said: %2)</source>
        <translation>das Modell „%1“ ist nicht installiert: ollama pull %1 (Ollama meldet: %2)</translation>
    </message>
    <message>
        <source>model '%1' does not support tools (Ollama said: %2); set ollama.model to a model that does</source>
        <translation>das Modell „%1“ unterstützt keine Tools (Ollama meldet: %2); setzen Sie ollama.model auf ein Modell, das es kann</translation>
    </message>
    <message>
        <source>Ollama at %1 answered HTTP %2: %3</source>
        <translation>Ollama unter %1 antwortete mit HTTP %2: %3</translation>
    </message>
    <message>
        <source>Ollama's answer ended before it was complete (no "done": true); Ollama may have stopped or run out of memory</source>
        <translation>Die Antwort von Ollama endete, bevor sie vollständig war (kein "done": true); Ollama wurde vielleicht beendet oder hatte zu wenig Speicher</translation>
    </message>
</context>
<context>
    <name>Smollama::OllamaClient</name>
    <message>
        <source>Ollama is not reachable at %1 — start it with `ollama serve` or set ollama.host</source>
        <translation>Ollama ist unter %1 nicht erreichbar — starten Sie es mit `ollama serve` oder setzen Sie ollama.host</translation>
    </message>
    <message>
        <source>Ollama at %1 answered HTTP %2 to %3: %4</source>
        <translation>Ollama unter %1 antwortete mit HTTP %2 auf %3: %4</translation>
    </message>
    <message>
        <source>model '%1' is not installed: ollama pull %1</source>
        <translation>das Modell „%1“ ist nicht installiert: ollama pull %1</translation>
    </message>
</context>
<context>
    <name>Smollama::PluginsModel</name>
    <message>
        <source>degraded</source>
        <translation>beeinträchtigt</translation>
    </message>
    <message>
        <source>stuck</source>
        <translation>hängt</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>aktiviert</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>missing dependencies</source>
        <translation>Abhängigkeiten fehlen</translation>
    </message>
    <message>
        <source>invalid configuration</source>
        <translation>ungültige Konfiguration</translation>
    </message>
    <message>
        <source>incompatible</source>
        <translation>inkompatibel</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation>neuer Versuch folgt</translation>
    </message>
    <message>
        <source>loaded</source>
        <translation>geladen</translation>
    </message>
    <message>
        <source>restarting</source>
        <translation>startet neu</translation>
    </message>
</context>
<context>
    <name>Smollama::ReadingsModel</name>
    <message>
        <source>node %1 is offline</source>
        <translation>Knoten %1 ist offline</translation>
    </message>
</context>
<context>
    <name>Smollama::RemoteAgent</name>
    <message>
        <source>Stopped.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>%1 refused the API token: copy the file api-token from that node again into the --token-file (or dashboard.remotes token_file).</source>
        <translation>%1 hat das API-Token abgelehnt: Kopieren Sie die Datei api-token von diesem Knoten erneut in die --token-file (oder token_file in dashboard.remotes).</translation>
    </message>
    <message>
        <source>%1 answers questions only with its API token: start with --token-file FILE (or token_file in dashboard.remotes), FILE holding the node's api-token.</source>
        <translation>%1 beantwortet Fragen nur mit seinem API-Token: Starten Sie mit --token-file DATEI (oder token_file in dashboard.remotes), DATEI mit dem api-token des Knotens.</translation>
    </message>
    <message>
        <source>%1 did not take the question (HTTP %2): %3</source>
        <translation>%1 hat die Frage nicht angenommen (HTTP %2): %3</translation>
    </message>
    <message numerus="yes">
        <source>%1 stopped answering (nothing for %n s); ask again when it is back.</source>
        <translation>
            <numerusform>%1 antwortet nicht mehr (nichts seit %n s); fragen Sie erneut, wenn er wieder da ist.</numerusform>
            <numerusform>%1 antwortet nicht mehr (nichts seit %n s); fragen Sie erneut, wenn er wieder da ist.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 cannot be reached (%2); ask again when it is back.</source>
        <translation>%1 ist nicht erreichbar (%2); fragen Sie erneut, wenn er wieder da ist.</translation>
    </message>
    <message>
        <source>%1 ended the answer before it was complete.</source>
        <translation>%1 hat die Antwort beendet, bevor sie vollständig war.</translation>
    </message>
    <message>
        <source>%1 cannot be reached (%2)</source>
        <translation>%1 ist nicht erreichbar (%2)</translation>
    </message>
    <message>
        <source>%1 wants its API token (--token-file)</source>
        <translation>%1 verlangt sein API-Token (--token-file)</translation>
    </message>
    <message>
        <source>%1 answers questions only with its API token (--token-file)</source>
        <translation>%1 beantwortet Fragen nur mit seinem API-Token (--token-file)</translation>
    </message>
    <message>
        <source>%1 is checking its Ollama</source>
        <translation>%1 prüft sein Ollama</translation>
    </message>
    <message>
        <source>%1 cannot reach its Ollama</source>
        <translation>%1 erreicht sein Ollama nicht</translation>
    </message>
    <message>
        <source>%1: Ollama %2, model %3</source>
        <translation>%1: Ollama %2, Modell %3</translation>
    </message>
</context>
<context>
    <name>Smollama::RemoteOutputSource</name>
    <message>
        <source>%1 is offline: its outputs can be switched again once it answers.</source>
        <translation>%1 ist offline: Seine Ausgänge lassen sich wieder schalten, sobald er antwortet.</translation>
    </message>
    <message>
        <source>Switching the outputs of %1 needs its API token: start with --token-file FILE (or token_file in dashboard.remotes), FILE holding the node's api-token.</source>
        <translation>Zum Schalten der Ausgänge von %1 wird sein API-Token benötigt: Starten Sie mit --token-file DATEI (oder token_file in dashboard.remotes), DATEI mit dem api-token des Knotens.</translation>
    </message>
    <message>
        <source>%1 refused the API token: copy the file api-token from that node again into the --token-file (or dashboard.remotes token_file).</source>
        <translation>%1 hat das API-Token abgelehnt: Kopieren Sie die Datei api-token von diesem Knoten erneut in die --token-file (oder token_file in dashboard.remotes).</translation>
    </message>
</context>
<context>
    <name>Smollama::RemoteTools</name>
    <message>
        <source>%1 cannot be reached (%2)</source>
        <translation>%1 ist nicht erreichbar (%2)</translation>
    </message>
</context>
<context>
    <name>Smollama::ToolRegistry</name>
    <message>
        <source>tool name '%1' is invalid: use lower-case letters, digits and '_'</source>
        <translation>der Tool-Name „%1“ ist ungültig: verwenden Sie Kleinbuchstaben, Ziffern und „_“</translation>
    </message>
    <message>
        <source>tool '%1' has no function to call</source>
        <translation>das Tool „%1“ hat keine Funktion zum Aufrufen</translation>
    </message>
    <message>
        <source>tool '%1' has an invalid parameter schema: %2</source>
        <translation>das Tool „%1“ hat ein ungültiges Parameterschema: %2</translation>
    </message>
    <message>
        <source>tool '%1' of %2 is not registered: the name is already registered by %3</source>
        <translation>das Tool „%1“ von %2 ist nicht registriert: der Name ist bereits von %3 registriert</translation>
    </message>
    <message>
        <source>unknown tool '%1'%2; the tools are: %3</source>
        <translation>unbekanntes Tool „%1“%2; die Tools sind: %3</translation>
    </message>
    <message>
        <source>invalid arguments for tool '%1' (the tool was not called):</source>
        <translation>ungültige Argumente für das Tool „%1“ (das Tool wurde nicht aufgerufen):</translation>
    </message>
    <message>
        <source>arguments</source>
        <translation>Argumente</translation>
    </message>
    <message>
        <source>Call %1 again with arguments matching its parameters.</source>
        <translation>Rufen Sie %1 erneut mit Argumenten auf, die zu seinen Parametern passen.</translation>
    </message>
    <message>
        <source>unknown tool '%1'</source>
        <translation>unbekanntes Tool „%1“</translation>
    </message>
    <message>
        <source>tool %1 failed: it threw %2</source>
        <translation>das Tool %1 ist fehlgeschlagen: es hat %2 ausgelöst</translation>
    </message>
    <message>
        <source>tool %1 did not answer within %2 s</source>
        <translation>das Tool %1 hat nicht innerhalb von %2 s geantwortet</translation>
    </message>
    <message>
        <source>tool '%1' of %2 is not registered: %3 offers it too, and its parameters already use the name 'instance', which picks the instance</source>
        <translation>Werkzeug '%1' von %2 wird nicht registriert: %3 bietet es ebenfalls an, und seine Parameter verwenden bereits den Namen 'instance', der die Instanz auswählt</translation>
    </message>
    <message>
        <source>no instance '%1' offers tool '%2' any more; the instances are: %3</source>
        <translation>keine Instanz '%1' bietet das Werkzeug '%2' mehr an; die Instanzen sind: %3</translation>
    </message>
    <message>
        <source>tool %1 was not called: %2</source>
        <translation>Werkzeug %1 wurde nicht aufgerufen: %2</translation>
    </message>
</context>
<context>
    <name>SmollamaCli</name>
    <message>
        <source>smollama-cli: ask needs a question, e.g. smollama-cli ask "How warm is the CPU?"</source>
        <translation>smollama-cli: ask braucht eine Frage, z. B. smollama-cli ask "Wie warm ist die CPU?"</translation>
    </message>
    <message>
        <source>Installed models that support tools: %1 (use --model NAME or set ollama.model)</source>
        <translation>Installierte Modelle, die Tools unterstützen: %1 (verwenden Sie --model NAME oder setzen Sie ollama.model)</translation>
    </message>
    <message>
        <source>Small models that support tools: %1 — e.g. ollama pull %2, then --model %2</source>
        <translation>Kleine Modelle, die Tools unterstützen: %1 — z. B. ollama pull %2, dann --model %2</translation>
    </message>
    <message>
        <source>unknown option %1</source>
        <translation>unbekannte Option %1</translation>
    </message>
    <message>
        <source>smollama-cli: %1 needs a subcommand</source>
        <translation>smollama-cli: %1 braucht einen Unterbefehl</translation>
    </message>
    <message>
        <source>smollama-cli: unknown %1 subcommand '%2'</source>
        <translation>smollama-cli: unbekannter Unterbefehl von %1: „%2“</translation>
    </message>
    <message>
        <source>smollama-cli: the configuration %1 cannot be used:</source>
        <translation>smollama-cli: die Konfiguration %1 ist nicht verwendbar:</translation>
    </message>
    <message>
        <source>Fix it, or check it with: smollama-cli config check -c %1</source>
        <translation>Beheben Sie das oder prüfen Sie es mit: smollama-cli config check -c %1</translation>
    </message>
    <message>
        <source>invalid config for plugin '%1': %2</source>
        <translation>ungültige Konfiguration für das Plugin „%1“: %2</translation>
    </message>
    <message>
        <source>instance '%1' will not load: %2</source>
        <translation>die Instanz „%1“ wird nicht geladen: %2</translation>
    </message>
    <message>
        <source>(no config file: defaults)</source>
        <translation>(keine Konfigurationsdatei: Standardwerte)</translation>
    </message>
    <message>
        <source>%1: OK</source>
        <translation>%1: OK</translation>
    </message>
    <message numerus="yes">
        <source> (%n warning(s))</source>
        <translation>
            <numerusform> (%n Warnung)</numerusform>
            <numerusform> (%n Warnungen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n error(s)</source>
        <translation>
            <numerusform>%1: %n Fehler</numerusform>
            <numerusform>%1: %n Fehler</numerusform>
        </translation>
    </message>
    <message>
        <source>smollama-cli: no translation for language '%1' (there are: %2); the messages stay in English</source>
        <translation>smollama-cli: keine Übersetzung für die Sprache „%1“ (vorhanden: %2); die Meldungen bleiben Englisch</translation>
    </message>
    <message>
        <source>smollama-cli: %1</source>
        <translation>smollama-cli: %1</translation>
    </message>
    <message>
        <source>smollama-cli %1 (plugin SDK %2)</source>
        <translation>smollama-cli %1 (Plugin-SDK %2)</translation>
    </message>
    <message>
        <source>smollama-cli: unknown command '%1'</source>
        <translation>smollama-cli: unbekannter Befehl „%1“</translation>
    </message>
    <message>
        <source>author: %1</source>
        <translation>Autor: %1</translation>
    </message>
    <message>
        <source>dependencies: %1</source>
        <translation>Abhängigkeiten: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>builtin</source>
        <translation>eingebaut</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>eigenes</translation>
    </message>
    <message>
        <source>No plugins found. Searched: %1</source>
        <translation>Keine Plugins gefunden. Durchsucht: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s): %1</source>
        <translation>
            <numerusform>%n Eintrag: %1</numerusform>
            <numerusform>%n Einträge: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Dry run: nothing was set up. "enabled" means the instance would load when smollama starts.</source>
        <translation>Probelauf: nichts wurde eingerichtet. „enabled“ heißt, dass die Instanz beim Start von smollama geladen würde.</translation>
    </message>
    <message>
        <source>smollama-cli: plugin enable needs an instance name</source>
        <translation>smollama-cli: plugin enable braucht einen Instanznamen</translation>
    </message>
    <message>
        <source>%1 is no longer skipped after its crash; it loads at the next start of smollama (systemctl restart smollama).</source>
        <translation>%1 wird nach seinem Absturz nicht mehr übersprungen; es wird beim nächsten Start von smollama geladen (systemctl restart smollama).</translation>
    </message>
    <message>
        <source>%1 was not disabled by a crash.</source>
        <translation>%1 wurde nicht durch einen Absturz deaktiviert.</translation>
    </message>
    <message>
        <source>It is switched off in %1: set enabled: true for it there.</source>
        <translation>Es ist in %1 ausgeschaltet: setzen Sie dort enabled: true dafür.</translation>
    </message>
    <message>
        <source>Note: %1 has no instance named %2.</source>
        <translation>Hinweis: %1 hat keine Instanz namens %2.</translation>
    </message>
    <message>
        <source>smollama-cli: plugin info needs a plugin name</source>
        <translation>smollama-cli: plugin info braucht einen Plugin-Namen</translation>
    </message>
    <message>
        <source>smollama-cli: no plugin named '%1' was found (searched: %2); see smollama-cli plugin list</source>
        <translation>smollama-cli: kein Plugin namens „%1“ gefunden (durchsucht: %2); siehe smollama-cli plugin list</translation>
    </message>
    <message>
        <source>description:</source>
        <translation>Beschreibung:</translation>
    </message>
    <message>
        <source>author:</source>
        <translation>Autor:</translation>
    </message>
    <message>
        <source>license:</source>
        <translation>Lizenz:</translation>
    </message>
    <message>
        <source>url:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>dependencies:</source>
        <translation>Abhängigkeiten:</translation>
    </message>
    <message>
        <source>packages:</source>
        <translation>Pakete:</translation>
    </message>
    <message>
        <source>SDK:</source>
        <translation>SDK:</translation>
    </message>
    <message>
        <source>library:</source>
        <translation>Bibliothek:</translation>
    </message>
    <message>
        <source>kind:</source>
        <translation>Art:</translation>
    </message>
    <message>
        <source> (ref %1)</source>
        <translation> (Ref %1)</translation>
    </message>
    <message>
        <source> commit %1</source>
        <translation> Commit %1</translation>
    </message>
    <message>
        <source>installed from:</source>
        <translation>installiert aus:</translation>
    </message>
    <message>
        <source>installed at:</source>
        <translation>installiert am:</translation>
    </message>
    <message>
        <source>status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>(no instance)</source>
        <translation>(keine Instanz)</translation>
    </message>
    <message>
        <source>Example configuration, with the defaults:</source>
        <translation>Beispielkonfiguration mit den Standardwerten:</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>The plugin needs the Debian packages %1 (dpkg-query is not available to check them).</source>
        <translation>Das Plugin braucht die Debian-Pakete %1 (dpkg-query ist nicht verfügbar, um sie zu prüfen).</translation>
    </message>
    <message>
        <source>Missing packages: %1. Install them with:</source>
        <translation>Fehlende Pakete: %1. Installieren Sie sie mit:</translation>
    </message>
    <message>
        <source>Note: %1 is not searched by default; add it to plugins.paths in the configuration or pass --plugin-path %1.</source>
        <translation>Hinweis: %1 wird standardmäßig nicht durchsucht; tragen Sie es in plugins.paths der Konfiguration ein oder übergeben Sie --plugin-path %1.</translation>
    </message>
    <message>
        <source>To run it, add an instance to your configuration (%1):</source>
        <translation>Um es zu starten, fügen Sie Ihrer Konfiguration eine Instanz hinzu (%1):</translation>
    </message>
    <message>
        <source>or install with --enable to add it for you.</source>
        <translation>oder installieren Sie mit --enable, dann wird sie für Sie eingetragen.</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 already has an instance '%2'; it was left as it is.</source>
        <translation>%1 hat bereits eine Instanz „%2“; sie wurde unverändert gelassen.</translation>
    </message>
    <message>
        <source>Could not add the instance to %1 (%2). Add this yourself:</source>
        <translation>Die Instanz konnte nicht zu %1 hinzugefügt werden (%2). Tragen Sie dies selbst ein:</translation>
    </message>
    <message>
        <source>Could not add the instance to %1 safely. Add this yourself:</source>
        <translation>Die Instanz konnte nicht sicher zu %1 hinzugefügt werden. Tragen Sie dies selbst ein:</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Enabled: added the instance '%1' to %2%3.</source>
        <translation>Aktiviert: die Instanz „%1“ wurde zu %2%3 hinzugefügt.</translation>
    </message>
    <message>
        <source> (created)</source>
        <translation> (neu angelegt)</translation>
    </message>
    <message>
        <source>plugins: is written in flow style</source>
        <translation>plugins: ist im Flow-Stil geschrieben</translation>
    </message>
    <message>
        <source>plugins.custom is written in flow style</source>
        <translation>plugins.custom ist im Flow-Stil geschrieben</translation>
    </message>
    <message>
        <source>smollama-cli: plugin install needs a source: a git URL, a plugin source folder, a folder with a built plugin or a .so file</source>
        <translation>smollama-cli: plugin install braucht eine Quelle: eine Git-URL, einen Plugin-Quellordner, einen Ordner mit einem gebauten Plugin oder eine .so-Datei</translation>
    </message>
    <message>
        <source>smollama-cli: plugin upgrade needs a plugin name</source>
        <translation>smollama-cli: plugin upgrade braucht einen Plugin-Namen</translation>
    </message>
    <message>
        <source>'%1' was not installed with `smollama-cli plugin install` (no %2/origin.json): install it again from its source</source>
        <translation>„%1“ wurde nicht mit `smollama-cli plugin install` installiert (kein %2/origin.json): installieren Sie es erneut aus seiner Quelle</translation>
    </message>
    <message>
        <source>'%1' was installed from a built library (%2): installing that again.</source>
        <translation>„%1“ wurde aus einer gebauten Bibliothek installiert (%2): diese wird erneut installiert.</translation>
    </message>
    <message>
        <source>smollama-cli: plugin uninstall needs a plugin name</source>
        <translation>smollama-cli: plugin uninstall braucht einen Plugin-Namen</translation>
    </message>
    <message>
        <source>Uninstalled %1 (removed %2).</source>
        <translation>%1 deinstalliert (%2 entfernt).</translation>
    </message>
    <message>
        <source>The configuration %1 still has instances of it (%2): remove them, or they are reported as missing.</source>
        <translation>Die Konfiguration %1 hat noch Instanzen davon (%2): entfernen Sie sie, sonst werden sie als fehlend gemeldet.</translation>
    </message>
    <message>
        <source>smollama-cli: plugin new needs a name: smollama-cli plugin new my_sensor --type sensor</source>
        <translation>smollama-cli: plugin new braucht einen Namen: smollama-cli plugin new my_sensor --type sensor</translation>
    </message>
    <message>
        <source>smollama-cli: '%1' is not a valid plugin name: use lower-case letters, digits and '_', starting with a letter (e.g. "greenhouse_temp")</source>
        <translation>smollama-cli: „%1“ ist kein gültiger Plugin-Name: verwenden Sie Kleinbuchstaben, Ziffern und „_“, beginnend mit einem Buchstaben (z. B. "greenhouse_temp")</translation>
    </message>
    <message>
        <source>smollama-cli: --type must be sensor or tool, not '%1'</source>
        <translation>smollama-cli: --type muss sensor oder tool sein, nicht „%1“</translation>
    </message>
    <message>
        <source>smollama-cli: %1 already exists; nothing was written. Choose another name or --dir.</source>
        <translation>smollama-cli: %1 existiert bereits; nichts wurde geschrieben. Wählen Sie einen anderen Namen oder --dir.</translation>
    </message>
    <message>
        <source>the template %1 is missing from this smollama-cli</source>
        <translation>die Vorlage %1 fehlt in diesem smollama-cli</translation>
    </message>
    <message>
        <source>Created the %1 plugin '%2' in %3:</source>
        <translation>Das %1-Plugin „%2“ wurde in %3 angelegt:</translation>
    </message>
    <message>
        <source>Build and test it:</source>
        <translation>Bauen und testen:</translation>
    </message>
    <message>
        <source>Install it and see it:</source>
        <translation>Installieren und ansehen:</translation>
    </message>
    <message>
        <source>SOURCE</source>
        <extracomment>Column header of smollama-cli readings, at most 28 characters</extracomment>
        <translation>QUELLE</translation>
    </message>
    <message>
        <source>VALUE</source>
        <extracomment>Column header of smollama-cli readings, at most 10 characters</extracomment>
        <translation>WERT</translation>
    </message>
    <message>
        <source>UNIT</source>
        <extracomment>Column header of smollama-cli readings (the unit, e.g. °C), at most 5 characters</extracomment>
        <translation>EINH.</translation>
    </message>
    <message>
        <source>QUALITY</source>
        <extracomment>Column header of smollama-cli readings (ok, stale or error), at most 6 characters</extracomment>
        <translation>STATUS</translation>
    </message>
    <message>
        <source>TIME</source>
        <extracomment>Column header of smollama-cli readings (the time of the reading)</extracomment>
        <translation>ZEIT</translation>
    </message>
    <message>
        <source>smollama-cli: readings takes no argument '%1'</source>
        <translation>smollama-cli: readings nimmt kein Argument „%1“</translation>
    </message>
    <message>
        <source>No readings: no sensor instance is running (see smollama-cli plugin list).</source>
        <translation>Keine Messwerte: keine Sensorinstanz läuft (siehe smollama-cli plugin list).</translation>
    </message>
    <message>
        <source>A plugin did not stop in time; exiting without waiting for it.</source>
        <translation>Ein Plugin hat nicht rechtzeitig angehalten; Beenden, ohne darauf zu warten.</translation>
    </message>
    <message>
        <source>Upgraded %1 %2 in %3</source>
        <translation>%1 %2 in %3 aktualisiert</translation>
    </message>
    <message>
        <source>Installed %1 %2 in %3</source>
        <translation>%1 %2 in %3 installiert</translation>
    </message>
    <message>
        <source>Asking the running smollama at </source>
        <translation>Frage an das laufende smollama unter </translation>
    </message>
    <message>
        <source>the running smollama at %1 did not take the question: %2</source>
        <translation>das laufende smollama unter %1 hat die Frage nicht angenommen: %2</translation>
    </message>
    <message>
        <source>The running smollama at %1 did not list its plugins (%2); showing the dry run instead.</source>
        <translation>Das laufende smollama unter %1 hat seine Plugins nicht aufgelistet (%2); stattdessen wird der Probelauf gezeigt.</translation>
    </message>
    <message>
        <source>not a list</source>
        <translation>keine Liste</translation>
    </message>
    <message>
        <source>The running smollama at %1 has no plugins.</source>
        <translation>Das laufende smollama unter %1 hat keine Plugins.</translation>
    </message>
    <message>
        <source>From the running smollama at %1: statuses as they are now.</source>
        <translation>Vom laufenden smollama unter %1: der aktuelle Status.</translation>
    </message>
    <message>
        <source>Live readings from the running smollama at %1 (Ctrl+C stops)</source>
        <translation>Live-Messwerte vom laufenden smollama unter %1 (Strg+C beendet)</translation>
    </message>
    <message>
        <source>The running smollama at %1 did not give its readings (%2); reading them here instead.</source>
        <translation>Das laufende smollama unter %1 hat seine Messwerte nicht geliefert (%2); sie werden stattdessen hier gelesen.</translation>
    </message>
    <message>
        <source>No readings: the running smollama at %1 has no sensor running (see smollama-cli plugin list).</source>
        <translation>Keine Messwerte: beim laufenden smollama unter %1 läuft kein Sensor (siehe smollama-cli plugin list).</translation>
    </message>
    <message>
        <source>From the running smollama at %1.</source>
        <translation>Vom laufenden smollama unter %1.</translation>
    </message>
    <message>
        <source>smollama-cli: status takes no argument '%1'</source>
        <translation>smollama-cli: status nimmt kein Argument „%1“</translation>
    </message>
    <message>
        <source>smollama %1 is running at %2</source>
        <translation>smollama %1 läuft unter %2</translation>
    </message>
    <message>
        <source>status:   </source>
        <extracomment>A label of smollama-cli status: pad it with spaces to 10 characters so the values line up</extracomment>
        <translation>Status:   </translation>
    </message>
    <message>
        <source>node:     </source>
        <extracomment>A label of smollama-cli status: pad it with spaces to 10 characters so the values line up</extracomment>
        <translation>Knoten:   </translation>
    </message>
    <message>
        <source>pid:      </source>
        <extracomment>A label of smollama-cli status: pad it with spaces to 10 characters so the values line up</extracomment>
        <translation>PID:      </translation>
    </message>
    <message>
        <source>uptime:   </source>
        <extracomment>A label of smollama-cli status: pad it with spaces to 10 characters so the values line up</extracomment>
        <translation>Laufzeit: </translation>
    </message>
    <message>
        <source>plugins:  </source>
        <extracomment>A label of smollama-cli status: pad it with spaces to 10 characters so the values line up</extracomment>
        <translation>Plugins:  </translation>
    </message>
    <message>
        <source>sources:  </source>
        <extracomment>A label of smollama-cli status: pad it with spaces to 10 characters so the values line up</extracomment>
        <translation>Quellen:  </translation>
    </message>
    <message>
        <source>safe mode: </source>
        <translation>abgesicherter Modus: </translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation>noch nicht geprüft</translation>
    </message>
    <message>
        <source>reachable</source>
        <translation>erreichbar</translation>
    </message>
    <message>
        <source>not reachable</source>
        <translation>nicht erreichbar</translation>
    </message>
    <message>
        <source>ollama:   </source>
        <extracomment>A label of smollama-cli status: pad it with spaces to 10 characters so the values line up</extracomment>
        <translation>Ollama:   </translation>
    </message>
    <message>
        <source>no answer at %1</source>
        <translation>keine Antwort unter %1</translation>
    </message>
    <message>
        <source>smollama is not running (%1)</source>
        <translation>smollama läuft nicht (%1)</translation>
    </message>
    <message>
        <source>plugins (dry run): </source>
        <translation>Plugins (Probelauf): </translation>
    </message>
    <message>
        <source>Start it with `smollama --headless` (or the desktop app); `smollama-cli plugin list` explains each plugin.</source>
        <translation>Starten Sie es mit `smollama --headless` (oder der Desktop-Anwendung); `smollama-cli plugin list` erklärt jedes Plugin.</translation>
    </message>
    <message>
        <source> (%1, model %2)</source>
        <translation> (%1, Modell %2)</translation>
    </message>
    <message>
        <source>no instance in %1, and http.enabled is false or http.port is 0</source>
        <translation>keine Instanz in %1, und http.enabled ist false oder http.port ist 0</translation>
    </message>
    <message>
        <source>smollama restarted while the stream was down: readings from that time are not shown</source>
        <translation>smollama wurde neu gestartet, während der Datenstrom unterbrochen war: Messwerte aus dieser Zeit werden nicht angezeigt</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) of the gap are no longer kept by smollama (http.event_replay_size) and are not shown</source>
        <translation>
            <numerusform>%n Ereignis aus der Lücke wird von smollama nicht mehr vorgehalten (http.event_replay_size) und nicht angezeigt</numerusform>
            <numerusform>%n Ereignisse aus der Lücke werden von smollama nicht mehr vorgehalten (http.event_replay_size) und nicht angezeigt</numerusform>
        </translation>
    </message>
    <message>
        <source>smollama did not know where the stream left off: readings may be missing</source>
        <translation>smollama wusste nicht, wo der Datenstrom abgebrochen war: es können Messwerte fehlen</translation>
    </message>
    <message>
        <source>Connected again to %1</source>
        <translation>Wieder verbunden mit %1</translation>
    </message>
    <message>
        <source>Connected again to %1, resuming after event %2</source>
        <translation>Wieder verbunden mit %1, weiter nach Ereignis %2</translation>
    </message>
    <message>
        <source>the event stream of %1 was refused: %2</source>
        <translation>der Ereignisstrom von %1 wurde verweigert: %2</translation>
    </message>
    <message>
        <source>The event stream of %1 ended (%2); connecting again every %3 s (Ctrl+C stops)</source>
        <translation>Der Ereignisstrom von %1 ist abgebrochen (%2); neuer Verbindungsversuch alle %3 s (Strg+C beendet)</translation>
    </message>
    <message>
        <source>the server closed the stream</source>
        <translation>der Server hat den Datenstrom geschlossen</translation>
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
        <translation>Aufruf: smollama-cli [Optionen] &lt;Befehl&gt; [Argumente]

Befehle:
  status                 das laufende smollama: Zustand, Plugins, Ollama, abgesicherter Modus
  plugin list            alle gefundenen Plugins und Instanzen mit ihrem Status
  plugin enable NAME     eine Instanz wieder laden, die ein Absturz deaktiviert hat
  plugin info NAME       Manifest, Beispielkonfiguration, Herkunft und Status
  plugin new NAME [--type sensor|tool] [--dir DIR]
                         ein Plugin-Projekt anlegen, das gegen das SDK baut
  plugin install SOURCE [--ref REF] [--force] [--enable] [--plugins-dir DIR]
                         ein Plugin aus einer Git-URL, einem Quellordner, einem
                         Ordner mit gebautem Plugin oder einer .so bauen, prüfen
                         und installieren
  plugin upgrade NAME    ein Plugin erneut von seiner Herkunft installieren
  plugin uninstall NAME  ein installiertes (nicht eingebautes) Plugin entfernen
  config check           die Konfiguration prüfen; Exit-Code 1 bei Fehlern
  readings [--watch] [--node NAME]
                         jede aktivierte Quelle einmal lesen (oder laufend ausgeben);
                         vom laufenden smollama auch die Messwerte anderer Knoten
  ask "FRAGE" [--model M] [--ollama URL]  das lokale Modell fragen (es kann Tools nutzen)

plugin list, readings und ask nutzen das laufende smollama, wenn es über seine HTTP-
API antwortet (~/.smollama/http.json, sonst http.host:http.port), sonst einen Probelauf.

Optionen (vor oder nach dem Befehl):
  -c, --config FILE      die Konfigurationsdatei (Standard: ./config.yaml,
                         ~/.smollama/config.yaml, /etc/smollama/config.yaml)
  --plugin-path DIR      auch in DIR nach Plugins suchen (wiederholbar)
  --json                 JSON für Skripte ausgeben
  --no-color             keine Farben (auch: NO_COLOR=1)
  --lang CODE            Meldungen in der Sprache CODE (de, es, en) statt der des
                         Gebietsschemas (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)
  -w, --watch            (readings) neue Messwerte bis Strg+C laufend ausgeben
  --node NAME            (readings) nur die Messwerte des Knotens NAME der Flotte
  --dry-run              (plugin list, readings, ask) nicht das laufende smollama
                         fragen; nur mit der Konfiguration arbeiten (auch:
                         SMOLLAMA_DRY_RUN=1)
  --type sensor|tool     (plugin new) die Art des Plugins (Standard: sensor)
  --dir DIR              (plugin new) das Projekt in DIR/NAME anlegen (Standard: .)
  --ref REF              (plugin install) der Git-Branch, das Tag oder der Commit
  --force                (plugin install) ein installiertes Plugin gleichen Namens
                         ersetzen
  --enable               (plugin install) eine Instanz in ~/.smollama/config.yaml
                         eintragen
  --plugins-dir DIR      (plugin install|uninstall|upgrade) statt
                         plugins.install_dir oder ~/.smollama/plugins
  -v, --verbose          protokollieren, was geschieht
  -h, --help             diese Hilfe
  --version              die Version ausgeben
</translation>
    </message>
    <message>
        <source>%1 does not take %2; its options are: %3</source>
        <translation>%1 nimmt %2 nicht an; seine Optionen sind: %3</translation>
    </message>
    <message>
        <source>sink: queue %1, %2 written, %3 dropped</source>
        <extracomment>a reading sink's counters; %1 is the queue size, %2 and %3 numbers of readings</extracomment>
        <translation>Senke: Warteschlange %1, %2 geschrieben, %3 verworfen</translation>
    </message>
    <message>
        <source>NODE</source>
        <extracomment>Column header of smollama-cli readings (the node of the fleet), at most 16 characters</extracomment>
        <translation>KNOTEN</translation>
    </message>
    <message>
        <source>smollama-cli: the readings of node %1 come from the running smollama, and none answers (this node is %2)</source>
        <translation>smollama-cli: die Messwerte des Knotens %1 kommen vom laufenden smollama, und keines antwortet (dieser Knoten ist %2)</translation>
    </message>
    <message>
        <source>memory:   </source>
        <extracomment>A label of smollama-cli status: pad it with spaces to 10 characters so the values line up</extracomment>
        <translation>Speicher: </translation>
    </message>
    <message>
        <source>%1 MiB (%2 MiB when the start finished)</source>
        <translation>%1 MiB (%2 MiB am Ende des Starts)</translation>
    </message>
    <message>
        <source>%1; smollama-cli sets plugins up only while it holds the instance lock</source>
        <translation>%1; smollama-cli richtet Plugins nur ein, solange es die Instanzsperre hält</translation>
    </message>
    <message>
        <source>smollama is running (PID %1) and owns the hardware, but it did not answer over its HTTP API (see smollama-cli status; is http.enabled off?); smollama-cli sets plugins up only when no node runs</source>
        <translation>smollama läuft (PID %1) und besitzt die Hardware, hat aber über seine HTTP-API nicht geantwortet (siehe smollama-cli status; ist http.enabled aus?); smollama-cli richtet Plugins nur ein, wenn kein Knoten läuft</translation>
    </message>
    <message>
        <source>smollama is running (PID %1) and owns the hardware; smollama-cli sets plugins up only when no node runs. Without --dry-run (for ask: without --model and --ollama) the command asks the node</source>
        <translation>smollama läuft (PID %1) und besitzt die Hardware; smollama-cli richtet Plugins nur ein, wenn kein Knoten läuft. Ohne --dry-run (bei ask: ohne --model und --ollama) fragt der Befehl den Knoten</translation>
    </message>
    <message>
        <source>in a plugin host process</source>
        <translation>in einem Plugin-Host-Prozess</translation>
    </message>
    <message>
        <source>(in a plugin host process)</source>
        <translation>(in einem Plugin-Host-Prozess)</translation>
    </message>
    <message>
        <source>%1: its plugin host is started again by the running smollama at %2; smollama-cli plugin list shows when it is loaded.</source>
        <translation>%1: Sein Plugin-Host wird vom laufenden smollama unter %2 neu gestartet; smollama-cli plugin list zeigt, wann er geladen ist.</translation>
    </message>
    <message>
        <source>The running smollama did not start %1 again: %2</source>
        <translation>Das laufende smollama hat %1 nicht neu gestartet: %2</translation>
    </message>
</context>
<context>
    <name>SystemPlugin</name>
    <message>
        <source>checking /proc/stat failed unexpectedly</source>
        <translation>die Prüfung von /proc/stat ist unerwartet fehlgeschlagen</translation>
    </message>
    <message>
        <source>setting up the system plugin failed unexpectedly</source>
        <translation>das Einrichten des system-Plugins ist unerwartet fehlgeschlagen</translation>
    </message>
    <message>
        <source>reading the system figures failed unexpectedly</source>
        <translation>das Lesen der Systemwerte ist unerwartet fehlgeschlagen</translation>
    </message>
    <message>
        <source>the system plugin was read before setup()</source>
        <translation>das system-Plugin wurde vor setup() gelesen</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the system plugin reads Linux's /proc and /sys, which this operating system does not have; disable the plugin in config.yaml</source>
        <translation>das system-Plugin liest /proc und /sys von Linux, die dieses Betriebssystem nicht hat; deaktivieren Sie das Plugin in config.yaml</translation>
    </message>
    <message>
        <source> (is /proc mounted? the system plugin needs Linux /proc)</source>
        <translation> (ist /proc eingehängt? das system-Plugin braucht /proc von Linux)</translation>
    </message>
    <message>
        <source>CPU temperature</source>
        <translation>CPU-Temperatur</translation>
    </message>
    <message>
        <source>Temperature of the CPU/SoC thermal zone in /sys/class/thermal</source>
        <translation>Temperatur der Thermalzone von CPU/SoC in /sys/class/thermal</translation>
    </message>
    <message>
        <source>CPU usage</source>
        <translation>CPU-Auslastung</translation>
    </message>
    <message>
        <source>Share of CPU time spent busy (all cores) since the previous reading</source>
        <translation>Anteil der CPU-Zeit mit Arbeit (alle Kerne) seit dem vorigen Messwert</translation>
    </message>
    <message>
        <source>CPU frequency</source>
        <translation>CPU-Takt</translation>
    </message>
    <message>
        <source>Current clock frequency of CPU core 0</source>
        <translation>Aktuelle Taktfrequenz von CPU-Kern 0</translation>
    </message>
    <message>
        <source>Memory used</source>
        <translation>Speicher belegt</translation>
    </message>
    <message>
        <source>Share of RAM in use: (MemTotal - MemAvailable) / MemTotal</source>
        <translation>Anteil des belegten RAM: (MemTotal - MemAvailable) / MemTotal</translation>
    </message>
    <message>
        <source>Memory available</source>
        <translation>Speicher verfügbar</translation>
    </message>
    <message>
        <source>RAM available for new programs without swapping (MemAvailable)</source>
        <translation>RAM, der neuen Programmen ohne Auslagern zur Verfügung steht (MemAvailable)</translation>
    </message>
    <message>
        <source>Load average (1 min)</source>
        <translation>Systemlast (1 min)</translation>
    </message>
    <message>
        <source>Average number of runnable tasks over the last minute</source>
        <translation>Durchschnittliche Zahl lauffähiger Prozesse in der letzten Minute</translation>
    </message>
    <message>
        <source>Disk used (%1)</source>
        <translation>Festplatte belegt (%1)</translation>
    </message>
    <message>
        <source>Share of the file system mounted at %1 in use, as df reports it</source>
        <translation>Belegter Anteil des unter %1 eingehängten Dateisystems, wie df ihn meldet</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>Seconds since the machine booted</source>
        <translation>Sekunden seit dem Start des Rechners</translation>
    </message>
    <message>
        <source>unexpected cpu line in /proc/stat: %1</source>
        <translation>unerwartete cpu-Zeile in /proc/stat: %1</translation>
    </message>
    <message>
        <source>no aggregate "cpu" line in /proc/stat</source>
        <translation>keine zusammenfassende „cpu“-Zeile in /proc/stat</translation>
    </message>
    <message>
        <source>no earlier /proc/stat sample to compare with; CPU usage is known from the next reading on</source>
        <translation>kein früherer /proc/stat-Messpunkt zum Vergleich; die CPU-Auslastung ist ab dem nächsten Messwert bekannt</translation>
    </message>
    <message>
        <source>no CPU time passed between two /proc/stat samples (read again later)</source>
        <translation>zwischen zwei /proc/stat-Messpunkten ist keine CPU-Zeit vergangen (später erneut lesen)</translation>
    </message>
    <message>
        <source>the CPU counters in /proc/stat went backwards (a CPU was taken offline?); read again later</source>
        <translation>die CPU-Zähler in /proc/stat sind zurückgegangen (wurde eine CPU abgeschaltet?); später erneut lesen</translation>
    </message>
    <message>
        <source>no thermal zone in %1 (this machine exposes no CPU temperature)</source>
        <translation>keine Thermalzone in %1 (dieser Rechner stellt keine CPU-Temperatur bereit)</translation>
    </message>
    <message>
        <source>thermal zone '%1' ("thermal_zone" in the configuration) does not exist in %2; %3</source>
        <translation>die Thermalzone „%1“ („thermal_zone“ in der Konfiguration) existiert nicht in %2; %3</translation>
    </message>
    <message>
        <source>this machine has none</source>
        <translation>dieser Rechner hat keine</translation>
    </message>
    <message>
        <source>available: %1</source>
        <translation>vorhanden: %1</translation>
    </message>
    <message>
        <source>unexpected content in %1: %2</source>
        <translation>unerwarteter Inhalt in %1: %2</translation>
    </message>
    <message>
        <source>no "cpu MHz" line in %1</source>
        <translation>keine „cpu MHz“-Zeile in %1</translation>
    </message>
    <message>
        <source>this machine reports no CPU frequency (%1; %2)</source>
        <translation>dieser Rechner meldet keinen CPU-Takt (%1; %2)</translation>
    </message>
    <message>
        <source>unexpected line in %1: %2</source>
        <translation>unerwartete Zeile in %1: %2</translation>
    </message>
    <message>
        <source>no MemTotal in %1</source>
        <translation>kein MemTotal in %1</translation>
    </message>
    <message>
        <source>no MemAvailable in %1 (Linux 3.14 or later reports it)</source>
        <translation>kein MemAvailable in %1 (Linux 3.14 oder neuer meldet es)</translation>
    </message>
    <message>
        <source>mount point '%1' does not exist; fix "mounts" in the system plugin's configuration</source>
        <translation>der Einhängepunkt „%1“ existiert nicht; korrigieren Sie „mounts“ in der Konfiguration des system-Plugins</translation>
    </message>
    <message>
        <source>cannot get the disk usage of '%1': %2</source>
        <translation>die Belegung von „%1“ kann nicht ermittelt werden: %2</translation>
    </message>
    <message>
        <source>'%1' is on a file system without blocks (such as /proc); list a real mount point in "mounts"</source>
        <translation>„%1“ liegt auf einem Dateisystem ohne Blöcke (wie /proc); nennen Sie in „mounts“ einen echten Einhängepunkt</translation>
    </message>
    <message>
        <source>disk usage of '%1' is not available on this operating system</source>
        <translation>die Plattenbelegung von „%1“ ist auf diesem Betriebssystem nicht verfügbar</translation>
    </message>
</context>
<context>
    <name>ToolRegistry</name>
    <message>
        <source>unknown source '%1'.</source>
        <translation>unbekannte Quelle „%1“.</translation>
    </message>
    <message>
        <source> No source is available: no sensor plugin is running (call plugin_status to see why).</source>
        <translation> Keine Quelle ist verfügbar: kein Sensor-Plugin läuft (rufen Sie plugin_status auf, um den Grund zu sehen).</translation>
    </message>
    <message>
        <source>readings are not available</source>
        <translation>Messwerte sind nicht verfügbar</translation>
    </message>
    <message>
        <source>source '%1' has no reading yet; try again in a few seconds</source>
        <translation>die Quelle „%1“ hat noch keinen Messwert; versuchen Sie es in ein paar Sekunden erneut</translation>
    </message>
    <message>
        <source>source '%1' has no numeric values in the last %2 minutes</source>
        <translation>die Quelle „%1“ hat in den letzten %2 Minuten keine Zahlenwerte</translation>
    </message>
    <message>
        <source>plugins are not available</source>
        <translation>Plugins sind nicht verfügbar</translation>
    </message>
    <message>
        <source>no plugin or instance '%1'%2; known: %3</source>
        <translation>kein Plugin und keine Instanz „%1“%2; bekannt: %3</translation>
    </message>
    <message>
        <source>unknown node '%1'%2. Known nodes: %3.</source>
        <translation>unbekannter Knoten '%1'%2. Bekannte Knoten: %3.</translation>
    </message>
    <message>
        <source>Which %1 instance to use: %2</source>
        <translation>Welche %1-Instanz verwendet werden soll: %2</translation>
    </message>
    <message>
        <source>Set instance to the %1 instance to use (%2).</source>
        <translation>Setze instance auf die zu verwendende %1-Instanz (%2).</translation>
    </message>
    <message>
        <source>Offered by the %1 instances %2; set instance to one of them.</source>
        <translation>Angeboten von den %1-Instanzen %2; setze instance auf eine davon.</translation>
    </message>
    <message>
        <source>instance %1: %2</source>
        <translation>Instanz %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>source '%1' is not one of this node's; %n node(s) have it (%2): give the node too.</source>
        <translation>
            <numerusform>Quelle '%1' gehört nicht zu diesem Knoten; %n Knoten hat sie (%2): gib auch den Knoten an.</numerusform>
            <numerusform>Quelle '%1' gehört nicht zu diesem Knoten; %n Knoten haben sie (%2): gib auch den Knoten an.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>smollama</name>
    <message>
        <source>Sensors, a dashboard and a local LLM agent.</source>
        <translation>Sensoren, ein Dashboard und ein lokaler LLM-Agent.</translation>
    </message>
    <message>
        <source>Use the configuration FILE.</source>
        <translation>Die Konfigurationsdatei FILE verwenden.</translation>
    </message>
    <message>
        <source>Also search DIR for plugins (repeatable).</source>
        <translation>Auch in DIR nach Plugins suchen (wiederholbar).</translation>
    </message>
    <message>
        <source>Run without a window (as a service).</source>
        <translation>Ohne Fenster laufen (als Dienst).</translation>
    </message>
    <message>
        <source>Log debug messages.</source>
        <translation>Debug-Meldungen protokollieren.</translation>
    </message>
    <message>
        <source>Load only the builtin plugins.</source>
        <translation>Nur die eingebauten Plugins laden.</translation>
    </message>
    <message>
        <source>Do not load the instance or plugin NAME ("all": none).</source>
        <translation>Die Instanz oder das Plugin NAME nicht laden („all“: keines).</translation>
    </message>
    <message>
        <source>Load NAME even when safe mode, --noload, a crash or the configuration would skip it.</source>
        <translation>NAME auch dann laden, wenn der abgesicherte Modus, --noload, ein Absturz oder die Konfiguration es überspringen würde.</translation>
    </message>
    <message>
        <source>Also load instances that crashed last time.</source>
        <translation>Auch Instanzen laden, die beim letzten Mal abgestürzt sind.</translation>
    </message>
    <message>
        <source>Show texts in language CODE (de, es, en) instead of the locale's.</source>
        <translation>Texte in der Sprache CODE (de, es, en) statt der des Gebietsschemas anzeigen.</translation>
    </message>
    <message>
        <source>The configuration %1 has errors; fix them (smollama-cli config check -c %1 lists them) and start again</source>
        <translation>Die Konfiguration %1 hat Fehler; beheben Sie sie (smollama-cli config check -c %1 listet sie auf) und starten Sie erneut</translation>
    </message>
    <message>
        <source>smollama %1, configuration %2</source>
        <translation>smollama %1, Konfiguration %2</translation>
    </message>
    <message>
        <source>(none found: defaults)</source>
        <translation>(keine gefunden: Standardwerte)</translation>
    </message>
    <message>
        <source>Received %1: shutting down</source>
        <translation>%1 empfangen: wird beendet</translation>
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
            <numerusform>Läuft ohne Fenster mit %n Plugin-Instanz; beenden mit SIGTERM oder Strg+C</numerusform>
            <numerusform>Läuft ohne Fenster mit %n Plugin-Instanzen; beenden mit SIGTERM oder Strg+C</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>No translation for language '%1' (there are: %2); the texts stay in English</source>
        <translation>Keine Übersetzung für die Sprache „%1“ (vorhanden: %2); die Texte bleiben Englisch</translation>
    </message>
    <message>
        <source>Show the dashboard full screen without window decorations (touchscreens).</source>
        <translation>Das Dashboard im Vollbild ohne Fensterrahmen zeigen (Touchscreens).</translation>
    </message>
    <message>
        <source>Hide the mouse cursor (touchscreens).</source>
        <translation>Den Mauszeiger ausblenden (Touchscreens).</translation>
    </message>
    <message>
        <source>Show the on-screen keyboard also outside --kiosk.</source>
        <translation>Die Bildschirmtastatur auch außerhalb von --kiosk zeigen.</translation>
    </message>
    <message>
        <source>No window: %1</source>
        <translation>Kein Fenster: %1</translation>
    </message>
    <message>
        <source>The dashboard could not be shown: %1</source>
        <translation>Das Dashboard konnte nicht angezeigt werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>Showing the dashboard with %n plugin instance(s); close the window or stop with SIGTERM or Ctrl+C</source>
        <translation>
            <numerusform>Zeigt das Dashboard mit %n Plugin-Instanz; schließen Sie das Fenster oder beenden Sie mit SIGTERM oder Strg+C</numerusform>
            <numerusform>Zeigt das Dashboard mit %n Plugin-Instanzen; schließen Sie das Fenster oder beenden Sie mit SIGTERM oder Strg+C</numerusform>
        </translation>
    </message>
    <message>
        <source>Main.qml did not create a window</source>
        <translation>Main.qml hat kein Fenster erzeugt</translation>
    </message>
    <message>
        <source>the dashboard library %1 could not be loaded (%2); reinstall smollama, or build it with SMOLLAMA_WITH_GUI=ON</source>
        <translation>die Dashboard-Bibliothek %1 konnte nicht geladen werden (%2); installieren Sie smollama neu oder bauen Sie es mit SMOLLAMA_WITH_GUI=ON</translation>
    </message>
    <message>
        <source>the dashboard library is not loaded</source>
        <translation>die Dashboard-Bibliothek ist nicht geladen</translation>
    </message>
    <message>
        <source>The dashboard's THEME: light, dark or auto (the desktop's choice; default: dashboard.theme).</source>
        <translation>Das THEMA des Dashboards: light, dark oder auto (wie der Desktop; Vorgabe: dashboard.theme).</translation>
    </message>
    <message>
        <source>--connect shows a window, and there is none (%1)</source>
        <translation>--connect zeigt ein Fenster, und es gibt keins (%1)</translation>
    </message>
    <message>
        <source>no display</source>
        <translation>kein Bildschirm</translation>
    </message>
    <message>
        <source>Show the dashboard of the node at URL (http://host:port) through its HTTP API, without plugins or lock here.</source>
        <translation>Das Dashboard des Knotens unter URL (http://host:port) über seine HTTP-API zeigen, hier ohne Plugins und Sperre.</translation>
    </message>
    <message>
        <source>With --connect: the node's API token is in FILE.</source>
        <translation>Mit --connect: das API-Token des Knotens steht in der Datei FILE.</translation>
    </message>
    <message>
        <source>%1 %2: not an address like http://pi:8080</source>
        <translation>%1 %2: keine Adresse wie http://pi:8080</translation>
    </message>
    <message>
        <source>token file %1 for %2: %3 (copy the node's api-token there; see docs/http-api.md)</source>
        <translation>Token-Datei %1 für %2: %3 (kopieren Sie das api-token des Knotens dorthin; siehe docs/http-api.md)</translation>
    </message>
    <message>
        <source>Following %1 over its HTTP API (no plugins, no lock here); close the window to stop</source>
        <translation>Folgt %1 über seine HTTP-API (hier keine Plugins, keine Sperre); zum Beenden das Fenster schließen</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>keine solche Datei</translation>
    </message>
    <message>
        <source>it is built for %1, this smollama needs %2</source>
        <translation>sie ist für %1 gebaut, dieses smollama braucht %2</translation>
    </message>
</context>
</TS>