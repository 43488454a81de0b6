// SPDX-License-Identifier: GPL-3.0-or-later
// Translations: which language the environment and --lang choose, that the embedded German
// and Spanish catalogues load, and that smollama-cli and smollama speak them.
#include "plugins/plugintranslator.h"
#include "util/i18n.h"

#include "requiredtool.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

// Environment variables that pick the language; each test sets the ones it needs.
const char *const s_localeVariables[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    QString all() const { return out + err; }
};

// Runs \a program with the locale variables given as "NAME=value" (the others unset).
Run run(const QString &program, const QStringList &arguments, const QStringList &locale)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : s_localeVariables) {
        env.remove(QString::fromLatin1(name));
    }
    for (const QString &assignment : locale) {
        env.insert(assignment.section(QLatin1Char('='), 0, 0),
                   assignment.section(QLatin1Char('='), 1));
    }
    env.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
    // The programs' own plugins only: nothing from the developer's home. A home of this run's
    // own, so that two builds' suites running at once never share a node's state.
    static const QTemporaryDir home;
    env.insert(QStringLiteral("HOME"), home.path());
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(program, arguments);
    Run result;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        result.err = QStringLiteral("(%1 did not finish)").arg(program);
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

class EnvironmentGuard
{
public:
    EnvironmentGuard()
    {
        for (const char *name : s_localeVariables) {
            m_saved.append({name, qgetenv(name), qEnvironmentVariableIsSet(name)});
            qunsetenv(name);
        }
    }
    ~EnvironmentGuard()
    {
        for (const Saved &s : std::as_const(m_saved)) {
            if (s.set) {
                qputenv(s.name, s.value);
            } else {
                qunsetenv(s.name);
            }
        }
        Smollama::installTranslations(QStringLiteral("C"));
    }

private:
    struct Saved
    {
        const char *name;
        QByteArray value;
        bool set;
    };
    QList<Saved> m_saved;
};

} // namespace

class tst_I18n : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void languageArgument_data();
    void languageArgument();
    void systemLanguages_data();
    void systemLanguages();
    void installTranslations_data();
    void installTranslations();
    void cliConfigCheck_data();
    void cliConfigCheck();
    void cliUnknownLanguage();
    void cliHelp();
    void smollamaHelp();
    void smollamaMessages();
    void modbusMessages();
    void pluginTranslations_data();
    void pluginTranslations();
    void pluginTranslatorFolderAndRemoval();

private:
    QTemporaryDir m_dir;
    QString m_typoConfig;
};

void tst_I18n::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_typoConfig = m_dir.filePath(QStringLiteral("config.yaml"));
    QFile file(m_typoConfig);
    QVERIFY(file.open(QIODevice::WriteOnly));
    // A misspelt key and a value of the wrong type: two messages that go through the
    // translated config diagnostics, the "did you mean" hint and the summary with a plural.
    file.write("plugins:\n  builtin:\n    system: {enabled: true}\nollama:\n  hots: localhost\n"
               "  port: abc\n");
}

void tst_I18n::languageArgument_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("language");
    QTest::newRow("none") << QStringList{QStringLiteral("plugin"), QStringLiteral("list")}
                          << QString();
    QTest::newRow("separate") << QStringList{QStringLiteral("--lang"), QStringLiteral("de")}
                              << QStringLiteral("de");
    QTest::newRow("equals") << QStringList{QStringLiteral("config"), QStringLiteral("--lang=es")}
                            << QStringLiteral("es");
    QTest::newRow("missing value") << QStringList{QStringLiteral("--lang")} << QString();
    QTest::newRow("after --") << QStringList{QStringLiteral("--"), QStringLiteral("--lang=de")}
                              << QString();
}

void tst_I18n::languageArgument()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, language);
    QCOMPARE(Smollama::languageArgument(arguments), language);
}

void tst_I18n::systemLanguages_data()
{
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QStringList>("languages");
    QTest::newRow("LANG") << QStringList{QStringLiteral("LANG=de_DE.UTF-8")}
                          << QStringList{QStringLiteral("de_DE")};
    QTest::newRow("LC_ALL wins") << QStringList{QStringLiteral("LANG=de_DE.UTF-8"),
                                                QStringLiteral("LC_ALL=es_ES.UTF-8")}
                                 << QStringList{QStringLiteral("es_ES")};
    QTest::newRow("LC_MESSAGES over LANG")
        << QStringList{QStringLiteral("LANG=de_DE.UTF-8"), QStringLiteral("LC_MESSAGES=es_MX")}
        << QStringList{QStringLiteral("es_MX")};
    QTest::newRow("LANGUAGE first")
        << QStringList{QStringLiteral("LANG=de_DE.UTF-8"), QStringLiteral("LANGUAGE=es:fr")}
        << QStringList{QStringLiteral("es"), QStringLiteral("fr"), QStringLiteral("de_DE")};
    // As gettext does: the C locale means untranslated, whatever LANGUAGE says (the tests run
    // with LC_ALL=C.UTF-8, and a developer's LANGUAGE must not change their output).
    QTest::newRow("C ignores LANGUAGE")
        << QStringList{QStringLiteral("LC_ALL=C.UTF-8"), QStringLiteral("LANGUAGE=de")}
        << QStringList{};
    QTest::newRow("POSIX") << QStringList{QStringLiteral("LANG=POSIX")} << QStringList{};
}

void tst_I18n::systemLanguages()
{
    QFETCH(QStringList, environment);
    QFETCH(QStringList, languages);
    EnvironmentGuard guard;
    for (const QString &assignment : std::as_const(environment)) {
        qputenv(assignment.section(QLatin1Char('='), 0, 0).toLatin1(),
                assignment.section(QLatin1Char('='), 1).toUtf8());
    }
    QCOMPARE(Smollama::systemLanguages(), languages);
}

void tst_I18n::installTranslations_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QString>("installed");
    QTest::addColumn<QString>("text");
    const QString english = QStringLiteral("config file /x does not exist");
    const QString german = QStringLiteral("die Konfigurationsdatei /x existiert nicht");
    const QString spanish = QStringLiteral("el archivo de configuración /x no existe");
    QTest::newRow("--lang de") << QStringLiteral("de") << QStringList{} << QStringLiteral("de")
                               << german;
    QTest::newRow("--lang es_MX") << QStringLiteral("es_MX") << QStringList{}
                                  << QStringLiteral("es") << spanish;
    QTest::newRow("--lang de_AT.UTF-8")
        << QStringLiteral("de_AT.UTF-8") << QStringList{} << QStringLiteral("de") << german;
    QTest::newRow("--lang en") << QStringLiteral("en") << QStringList{} << QString() << english;
    QTest::newRow("--lang fr: none")
        << QStringLiteral("fr") << QStringList{} << QString() << english;
    QTest::newRow("LANG=de_DE.UTF-8")
        << QString() << QStringList{QStringLiteral("LANG=de_DE.UTF-8")} << QStringLiteral("de")
        << german;
    QTest::newRow("LANGUAGE=fr:es")
        << QString()
        << QStringList{QStringLiteral("LANG=fr_FR.UTF-8"), QStringLiteral("LANGUAGE=fr:es")}
        << QStringLiteral("es") << spanish;
    QTest::newRow("LANGUAGE=en:de")
        << QString()
        << QStringList{QStringLiteral("LANG=de_DE.UTF-8"), QStringLiteral("LANGUAGE=en:de")}
        << QString() << english;
    QTest::newRow("--lang over LANG")
        << QStringLiteral("es") << QStringList{QStringLiteral("LANG=de_DE.UTF-8")}
        << QStringLiteral("es") << spanish;
    QTest::newRow("C locale") << QString() << QStringList{QStringLiteral("LC_ALL=C.UTF-8")}
                              << QString() << english;
}

void tst_I18n::installTranslations()
{
    QFETCH(QString, language);
    QFETCH(QStringList, environment);
    QFETCH(QString, installed);
    QFETCH(QString, text);
    EnvironmentGuard guard;
    for (const QString &assignment : std::as_const(environment)) {
        qputenv(assignment.section(QLatin1Char('='), 0, 0).toLatin1(),
                assignment.section(QLatin1Char('='), 1).toUtf8());
    }
    QCOMPARE(Smollama::installTranslations(language), installed);
    QCOMPARE(QCoreApplication::translate("Config", "config file %1 does not exist")
                 .arg(QStringLiteral("/x")),
             text);
}

void tst_I18n::cliConfigCheck_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QStringList>("locale");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QStringList>("unexpected");
    const QStringList english{QStringLiteral("unknown key 'ollama.hots' (did you mean 'host'?)"),
                              QStringLiteral("error: ollama.port: expected an integer, got the "
                                             "string \"abc\""),
                              QStringLiteral(": 1 error\n")};
    const QStringList german{
        QStringLiteral("unbekannter Schlüssel „ollama.hots“ (meinten Sie „host“?)"),
        QStringLiteral("Fehler: ollama.port: eine Ganzzahl erwartet, die Zeichenkette „abc“ "
                       "erhalten"),
        QStringLiteral(": 1 Fehler")};
    const QStringList spanish{
        QStringLiteral("clave desconocida «ollama.hots» (¿quiso decir «host»?)"),
        QStringLiteral("error: ollama.port: se esperaba un número entero, se obtuvo la cadena "
                       "«abc»"),
        QStringLiteral(": 1 error")};
    QTest::newRow("LC_ALL=de_DE.UTF-8")
        << QStringList{} << QStringList{QStringLiteral("LC_ALL=de_DE.UTF-8")} << german
        << QStringList{QStringLiteral("unknown key")};
    QTest::newRow("LANG=de_DE.UTF-8")
        << QStringList{} << QStringList{QStringLiteral("LANG=de_DE.UTF-8")} << german
        << QStringList{QStringLiteral("unknown key")};
    QTest::newRow("--lang de") << QStringList{QStringLiteral("--lang"), QStringLiteral("de")}
                               << QStringList{QStringLiteral("LC_ALL=C.UTF-8")} << german
                               << QStringList{QStringLiteral("unknown key")};
    QTest::newRow("--lang=es over LANG=de")
        << QStringList{QStringLiteral("--lang=es")} << QStringList{QStringLiteral("LANG=de_DE")}
        << spanish << QStringList{QStringLiteral("unbekannter"), QStringLiteral("unknown key")};
    QTest::newRow("C locale") << QStringList{} << QStringList{QStringLiteral("LC_ALL=C.UTF-8")}
                              << english
                              << QStringList{QStringLiteral("Schlüssel"), QStringLiteral("clave")};
    QTest::newRow("C with LANGUAGE=de")
        << QStringList{}
        << QStringList{QStringLiteral("LC_ALL=C.UTF-8"), QStringLiteral("LANGUAGE=de")} << english
        << QStringList{QStringLiteral("Schlüssel")};
    QTest::newRow("--lang en over LANG=es")
        << QStringList{QStringLiteral("--lang"), QStringLiteral("en")}
        << QStringList{QStringLiteral("LANG=es_ES.UTF-8")} << english
        << QStringList{QStringLiteral("clave")};
}

void tst_I18n::cliConfigCheck()
{
    QFETCH(QStringList, options);
    QFETCH(QStringList, locale);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, unexpected);
    const Run r = run(QStringLiteral(SMOLLAMA_CLI),
                      QStringList{QStringLiteral("config"), QStringLiteral("check"),
                                  QStringLiteral("-c"), m_typoConfig} +
                          options,
                      locale);
    QCOMPARE(r.exitCode, 1);
    for (const QString &text : std::as_const(expected)) {
        QVERIFY2(r.all().contains(text),
                 qPrintable(QStringLiteral("missing \"%1\" in:\n%2").arg(text, r.all())));
    }
    for (const QString &text : std::as_const(unexpected)) {
        QVERIFY2(!r.all().contains(text),
                 qPrintable(QStringLiteral("unexpected \"%1\" in:\n%2").arg(text, r.all())));
    }
}

void tst_I18n::cliUnknownLanguage()
{
    const Run r = run(QStringLiteral(SMOLLAMA_CLI),
                      {QStringLiteral("--lang"), QStringLiteral("la"), QStringLiteral("config"),
                       QStringLiteral("check"), QStringLiteral("-c"), m_typoConfig},
                      {QStringLiteral("LC_ALL=C.UTF-8")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("no translation for language 'la' (there are: de, "
                                           "es); the messages stay in English")),
             qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("unknown key 'ollama.hots'")), qPrintable(r.out));
}

void tst_I18n::cliHelp()
{
    const Run de = run(QStringLiteral(SMOLLAMA_CLI), {QStringLiteral("--help")},
                       {QStringLiteral("LANG=de_DE.UTF-8")});
    QCOMPARE(de.exitCode, 0);
    QVERIFY2(de.out.startsWith(QStringLiteral("Aufruf: smollama-cli [Optionen] <Befehl>")),
             qPrintable(de.out));
    QVERIFY2(de.out.contains(QStringLiteral("  status                 das laufende smollama:")),
             qPrintable(de.out));
    const Run es = run(QStringLiteral(SMOLLAMA_CLI), {QStringLiteral("help")},
                       {QStringLiteral("LANG=es_ES.UTF-8")});
    QVERIFY2(es.out.startsWith(QStringLiteral("Uso: smollama-cli [opciones] <orden>")),
             qPrintable(es.out));
    // A usage error is already in the chosen language.
    const Run bad =
        run(QStringLiteral(SMOLLAMA_CLI), {QStringLiteral("--lang=de"), QStringLiteral("--bogus")},
            {QStringLiteral("LC_ALL=C.UTF-8")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains(QStringLiteral("smollama-cli: unbekannte Option --bogus")),
             qPrintable(bad.err));
}

void tst_I18n::smollamaHelp()
{
    const Run de = run(QStringLiteral(SMOLLAMA_APP),
                       {QStringLiteral("--lang"), QStringLiteral("de"), QStringLiteral("--help")},
                       {QStringLiteral("LC_ALL=C.UTF-8")});
    QCOMPARE(de.exitCode, 0);
    QVERIFY2(de.out.contains(QStringLiteral("Nur die eingebauten Plugins laden.")),
             qPrintable(de.out));
    QVERIFY2(de.out.contains(QStringLiteral("--lang <CODE>")), qPrintable(de.out));
    // QCommandLineParser's own texts come from Qt's catalogue (qt6-translations-l10n).
    if (QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) +
                      QStringLiteral("/qtbase_de.qm"))) {
        QVERIFY2(de.out.contains(QStringLiteral("Optionen:")), qPrintable(de.out));
    }
    const Run es = run(QStringLiteral(SMOLLAMA_APP), {QStringLiteral("--help")},
                       {QStringLiteral("LANG=es_ES.UTF-8")});
    QVERIFY2(es.out.contains(QStringLiteral("Cargar solo los plugins integrados.")),
             qPrintable(es.out));
    const Run c = run(QStringLiteral(SMOLLAMA_APP), {QStringLiteral("--help")},
                      {QStringLiteral("LC_ALL=C.UTF-8")});
    QVERIFY2(c.out.contains(QStringLiteral("Load only the builtin plugins.")), qPrintable(c.out));
}

void tst_I18n::smollamaMessages()
{
    // The operator's messages of smollama: the configuration has errors, so it stops before it
    // claims anything.
    const QStringList arguments{QStringLiteral("--headless"), QStringLiteral("-c"), m_typoConfig};
    const Run de =
        run(QStringLiteral(SMOLLAMA_APP), arguments, {QStringLiteral("LC_ALL=de_DE.UTF-8")});
    QCOMPARE(de.exitCode, 2);
    QVERIFY2(de.err.contains(QStringLiteral("Fehler: ollama.port: eine Ganzzahl erwartet")),
             qPrintable(de.err));
    QVERIFY2(
        de.err.contains(
            QStringLiteral("Die Konfiguration %1 hat Fehler; beheben Sie sie").arg(m_typoConfig)),
        qPrintable(de.err));
    const Run es =
        run(QStringLiteral(SMOLLAMA_APP), QStringList{QStringLiteral("--lang=es")} + arguments,
            {QStringLiteral("LC_ALL=de_DE.UTF-8")});
    QCOMPARE(es.exitCode, 2);
    QVERIFY2(es.err.contains(QStringLiteral("La configuración %1 tiene errores").arg(m_typoConfig)),
             qPrintable(es.err));
    const Run unknown = run(QStringLiteral(SMOLLAMA_APP),
                            QStringList{QStringLiteral("--lang"), QStringLiteral("la")} + arguments,
                            {QStringLiteral("LC_ALL=C.UTF-8")});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains(QStringLiteral("No translation for language 'la' (there are: "
                                                 "de, es); the texts stay in English")),
             qPrintable(unknown.err));
    QVERIFY2(
        unknown.err.contains(QStringLiteral("The configuration %1 has errors").arg(m_typoConfig)),
        qPrintable(unknown.err));
}

void tst_I18n::modbusMessages()
{
    // A Modbus configuration error, as plugin list shows it: from the plugin's own catalogue.
    const QString config = m_dir.filePath(QStringLiteral("modbus.yaml"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("plugins:\n  builtin:\n    modbus:\n      enabled: true\n      config:\n"
               "        devices:\n          - {name: meter, sim: true, registers: [{name: volts, "
               "address: 0}, {name: volts, address: 1}]}\n");
    file.close();
    const QStringList arguments{QStringLiteral("-c"), config, QStringLiteral("plugin"),
                                QStringLiteral("list")};
    const Run en = run(QStringLiteral(SMOLLAMA_CLI), arguments, {QStringLiteral("LC_ALL=C.UTF-8")});
    SMOLLAMA_REQUIRE_TOOL(en.out.contains(QLatin1String("modbus ")),
                          "the modbus plugin was not built (QtSerialBus missing)");
    QVERIFY2(en.out.contains(QStringLiteral("the name 'volts' is already used by registers[0]")),
             qPrintable(en.out));
    const Run de =
        run(QStringLiteral(SMOLLAMA_CLI), arguments, {QStringLiteral("LANG=de_DE.UTF-8")});
    QVERIFY2(
        de.out.contains(QStringLiteral("der Name „volts“ wird bereits von registers[0] "
                                       "verwendet; jedes Register braucht einen eigenen Namen")),
        qPrintable(de.out));
    const Run es =
        run(QStringLiteral(SMOLLAMA_CLI), QStringList{QStringLiteral("--lang=es")} + arguments,
            {QStringLiteral("LANG=de_DE.UTF-8")});
    QVERIFY2(es.out.contains(QStringLiteral("el nombre «volts» ya lo usa registers[0]")),
             qPrintable(es.out));
}

void tst_I18n::pluginTranslations_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QStringList>("locale");
    QTest::addColumn<QString>("expected");
    const QString german = QStringLiteral("kein I2C-Bus /dev/i2c-97: I2C mit raspi-config "
                                          "einschalten (Interface Options → I2C) oder "
                                          "simulate: true setzen");
    const QString english = QStringLiteral("no I2C bus /dev/i2c-97: enable I2C with raspi-config "
                                           "(Interface Options → I2C) or set simulate: true");
    QTest::newRow("--lang de") << QStringList{QStringLiteral("--lang"), QStringLiteral("de")}
                               << QStringList{QStringLiteral("LC_ALL=C.UTF-8")} << german;
    QTest::newRow("locale de_AT") << QStringList()
                                  << QStringList{QStringLiteral("LANG=de_AT.UTF-8")} << german;
    QTest::newRow("--lang en") << QStringList{QStringLiteral("--lang"), QStringLiteral("en")}
                               << QStringList{QStringLiteral("LANG=de_DE.UTF-8")} << english;
    // The plugin ships no Spanish: its texts stay English while smollama's are Spanish.
    QTest::newRow("--lang es, none shipped")
        << QStringList{QStringLiteral("--lang"), QStringLiteral("es")}
        << QStringList{QStringLiteral("LC_ALL=C.UTF-8")} << english;
}

// A plugin's own .qm (examples/plugins/i2c_temp ships i2c_temp_de.qm embedded): its texts in
// plugin list follow smollama's language.
void tst_I18n::pluginTranslations()
{
    QFETCH(QStringList, options);
    QFETCH(QStringList, locale);
    QFETCH(QString, expected);
    const QString config = m_dir.filePath(QStringLiteral("i2c.yaml"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("plugins:\n  custom:\n    - {name: board, module: i2c_temp, config: {bus: 97}}\n");
    file.close();
    const Run r =
        run(QStringLiteral(SMOLLAMA_CLI),
            options + QStringList{QStringLiteral("-c"), config, QStringLiteral("--plugin-path"),
                                  QStringLiteral(SMOLLAMA_I2C_TEMP_DIR), QStringLiteral("plugin"),
                                  QStringLiteral("list")},
            locale);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(expected), qPrintable(r.all()));
}

// The .qm beside the library (translations/<module>_<lang>.qm) is found too; it is removed
// with the plugin, and nothing is installed while smollama speaks English.
void tst_I18n::pluginTranslatorFolderAndRemoval()
{
    EnvironmentGuard guard;
    const QString dir = m_dir.filePath(QStringLiteral("beside"));
    QVERIFY(QDir().mkpath(dir + QStringLiteral("/translations")));
    QFile::remove(dir + QStringLiteral("/translations/i2c_temp_de.qm"));
    QVERIFY(QFile::copy(QStringLiteral(SMOLLAMA_I2C_TEMP_QM),
                        dir + QStringLiteral("/translations/i2c_temp_de.qm")));
    const QString library = dir + QStringLiteral("/libsmollama_i2c_temp.so");
    const char *context = "Smollama::I2cTemp::I2cTempPlugin";
    const char *source = "no I2C bus %1: enable I2C with raspi-config (Interface Options → I2C) "
                         "or set simulate: true";

    Smollama::installTranslations(QStringLiteral("en"));
    QVERIFY(!Smollama::PluginTranslator::install(QStringLiteral("i2c_temp"), library));

    QCOMPARE(Smollama::installTranslations(QStringLiteral("de_DE")), QStringLiteral("de"));
    {
        const auto translator =
            Smollama::PluginTranslator::install(QStringLiteral("i2c_temp"), library);
        QVERIFY(translator);
        QCOMPARE(translator->filePath(), dir + QStringLiteral("/translations/i2c_temp_de.qm"));
        QVERIFY(QCoreApplication::translate(context, source).startsWith(QLatin1String("kein ")));
        // Another module finds nothing.
        QVERIFY(!Smollama::PluginTranslator::install(QStringLiteral("other"), library));
    }
    QCOMPARE(QCoreApplication::translate(context, source), QString::fromUtf8(source));
}

QTEST_GUILESS_MAIN(tst_I18n)
#include "tst_i18n.moc"
