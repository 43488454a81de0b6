// SPDX-License-Identifier: GPL-3.0-or-later
// The core must run on every Pi and laptop: no hardware library may be linked into it.
#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

class tst_Linkage : public QObject
{
    Q_OBJECT

private:
    static QStringList neededLibraries(const QString &path)
    {
        QProcess readelf;
        readelf.start(QStringLiteral("readelf"), {QStringLiteral("-d"), path});
        if (!readelf.waitForFinished(30000) || readelf.exitCode() != 0) {
            return {QStringLiteral("<readelf failed: %1>")
                        .arg(QString::fromLocal8Bit(readelf.readAllStandardError()))};
        }
        QStringList needed;
        const QStringList lines =
            QString::fromLocal8Bit(readelf.readAllStandardOutput()).split(QLatin1Char('\n'));
        for (const QString &line : lines) {
            if (line.contains(QLatin1String("(NEEDED)"))) {
                needed.append(line.section(QLatin1Char('['), 1).section(QLatin1Char(']'), 0, 0));
            }
        }
        return needed;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("readelf")).isEmpty()) {
            QFAIL("readelf (binutils) is needed for this test: run scripts/install-deps.sh");
        }
    }

    void coreLinksNoHardwareLibrary()
    {
        const QStringList needed = neededLibraries(QStringLiteral(SMOLLAMA_CORE_LIBRARY));
        QVERIFY2(needed.contains(QStringLiteral("libQt6Core.so.6")),
                 qPrintable(needed.join(QLatin1Char(' '))));
        for (const QString &lib : needed) {
            QVERIFY2(!lib.contains(QLatin1String("gpiod")), qPrintable(lib));
            QVERIFY2(!lib.contains(QLatin1String("i2c")), qPrintable(lib));
            QVERIFY2(!lib.contains(QLatin1String("SerialBus")), qPrintable(lib));
            QVERIFY2(!lib.contains(QLatin1String("mosquitto")), qPrintable(lib));
            QVERIFY2(!lib.contains(QLatin1String("Gui")), qPrintable(lib));
        }
    }

    void onlyTheGpioPluginLinksLibgpiod()
    {
        const QDir dir(QStringLiteral(SMOLLAMA_BUILTIN_PLUGIN_BUILD_DIR));
        const QStringList plugins = dir.entryList({QStringLiteral("*.so")}, QDir::Files);
        QVERIFY2(!plugins.isEmpty(), "no builtin plugin was built");
        for (const QString &plugin : plugins) {
            const QStringList needed = neededLibraries(dir.filePath(plugin));
            const bool linksGpiod = needed.join(QLatin1Char(' ')).contains(QLatin1String("gpiod"));
            // Built with SMOLLAMA_WITH_GPIO=OFF, the gpio plugin has only its simulated chip.
            QVERIFY2(!linksGpiod || plugin == QLatin1String("libsmollama_gpio.so"),
                     qPrintable(plugin));
#ifdef SMOLLAMA_WITH_GPIO
            if (plugin == QLatin1String("libsmollama_gpio.so")) {
                QVERIFY2(linksGpiod,
                         "the gpio plugin was built with libgpiod but does not link it");
            }
#endif
        }
    }

    void onlyTheModbusPluginLinksQtSerialBus()
    {
        const QDir dir(QStringLiteral(SMOLLAMA_BUILTIN_PLUGIN_BUILD_DIR));
        const QStringList plugins = dir.entryList({QStringLiteral("*.so")}, QDir::Files);
        for (const QString &plugin : plugins) {
            const QString needed = neededLibraries(dir.filePath(plugin)).join(QLatin1Char(' '));
            const bool linksSerial = needed.contains(QLatin1String("SerialBus")) ||
                                     needed.contains(QLatin1String("SerialPort"));
            QVERIFY2(!linksSerial || plugin == QLatin1String("libsmollama_modbus.so"),
                     qPrintable(plugin));
            if (plugin == QLatin1String("libsmollama_modbus.so")) {
                QVERIFY2(needed.contains(QLatin1String("libQt6SerialBus.so.6")),
                         qPrintable(needed));
            }
        }
    }

    void onlyTheMqttPluginLinksLibmosquitto()
    {
        const QDir dir(QStringLiteral(SMOLLAMA_BUILTIN_PLUGIN_BUILD_DIR));
        const QStringList plugins = dir.entryList({QStringLiteral("*.so")}, QDir::Files);
        bool found = false;
        for (const QString &plugin : plugins) {
            const QString needed = neededLibraries(dir.filePath(plugin)).join(QLatin1Char(' '));
            const bool links = needed.contains(QLatin1String("mosquitto"));
            QVERIFY2(!links || plugin == QLatin1String("libsmollama_mqtt.so"), qPrintable(plugin));
            if (plugin == QLatin1String("libsmollama_mqtt.so")) {
                found = true;
                QVERIFY2(links, qPrintable(needed));
            }
        }
#ifdef SMOLLAMA_WITH_MQTT
        QVERIFY2(found, "the mqtt plugin was not built");
#else
        Q_UNUSED(found)
#endif
    }
};

QTEST_GUILESS_MAIN(tst_Linkage)
#include "tst_linkage.moc"
