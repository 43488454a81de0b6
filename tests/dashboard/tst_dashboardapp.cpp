// SPDX-License-Identifier: GPL-3.0-or-later
// Starts the real smollama with its window offscreen (the system plugin and a simulated
// sensor), grabs the window and checks that tiles with values were drawn.
#include "dashboardapptest.h"
#include "fakeollama.h"

#include <csignal>
#include <memory>

class tst_DashboardApp : public DashboardAppTest
{
    Q_OBJECT

private Q_SLOTS:
    void init() { setUpHome(); }

    void screenshotShowsTilesWithValues()
    {
        const QString shot = path(QStringLiteral("dashboard.png"));
        auto app = startApp({QStringLiteral("--screenshot"), shot,
                             QStringLiteral("--screenshot-after"), QStringLiteral("1500")});
        QVERIFY(app->waitForStarted());
        QVERIFY(app->waitForFinished(60000));
        const QByteArray err = app->readAllStandardError();
        QVERIFY2(app->exitStatus() == QProcess::NormalExit && app->exitCode() == 0,
                 err.constData());
        QVERIFY2(err.contains("Showing the dashboard with 3 plugin instances;"), err.constData());

        QImage image(shot);
        QVERIFY2(!image.isNull(), err.constData());
        QCOMPARE(image.size(), QSize(800, 480));
        QVERIFY2(colours(image, image.rect()) > 20, "the window is (almost) blank");

        QFile jsonFile(shot + QStringLiteral(".json"));
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QJsonObject info = QJsonDocument::fromJson(jsonFile.readAll()).object();
        const QJsonArray tiles = info.value(QStringLiteral("tiles")).toArray();
        // The model has the probe's two sources and the system plugin's.
        QVERIFY2(info.value(QStringLiteral("sources")).toInt() >= 4, err.constData());
        const QByteArray report = QJsonDocument(info).toJson() + err;
        QVERIFY2(tiles.size() >= 4, report.constData());
        QVERIFY2(tiles.size() <= info.value(QStringLiteral("sources")).toInt(), report.constData());

        const QColor text(QStringLiteral("#eef1f5")); // the dark theme's text
        int probes = 0;
        int drawnValues = 0;
        for (const QJsonValue &v : tiles) {
            const QJsonObject tile = v.toObject();
            const QRect rect(tile.value(QStringLiteral("x")).toInt(),
                             tile.value(QStringLiteral("y")).toInt(),
                             tile.value(QStringLiteral("width")).toInt(),
                             tile.value(QStringLiteral("height")).toInt());
            const QString source = tile.value(QStringLiteral("source")).toString();
            const bool shown = tile.value(QStringLiteral("shown")).toBool();
            QVERIFY2(rect.width() >= 100 && rect.height() >= 48, report.constData());
            // Every tile shown is drawn: background, border and text.
            if (shown) {
                QVERIFY2(colours(image, rect) >= 3, report.constData());
            }
            if (source.startsWith(QLatin1String("probe:"))) {
                ++probes;
                QVERIFY2(tile.value(QStringLiteral("quality")).toString() == QLatin1String("ok"),
                         report.constData());
                QVERIFY2(tile.value(QStringLiteral("value")).toString() == QLatin1String("12.5"),
                         report.constData());
            }
            if (shown && tile.value(QStringLiteral("quality")).toString() == QLatin1String("ok")) {
                // The large value is in the upper half of the tile, in the text colour.
                const QRect valueArea(rect.x(), rect.y() + rect.height() / 5, rect.width(),
                                      rect.height() / 2);
                drawnValues += pixelsLike(image, valueArea, text) > 40 ? 1 : 0;
            }
        }
        QVERIFY2(drawnValues >= 2, report.constData());
        QVERIFY2(probes == 2, report.constData());
        // The gpio plugin's output is found through gpio_write's schema.
        QVERIFY2(info.value(QStringLiteral("outputs")).toInt() == 1, report.constData());
        // The three configured instances, and the modbus and mqtt builtins (listed, not
        // configured) when they were built.
        const int plugins =
            3 +
            int(QDir(QStringLiteral(SMOLLAMA_BUILTIN_PLUGIN_BUILD_DIR))
                    .entryList({QStringLiteral("*modbus*"), QStringLiteral("*mqtt*")}, QDir::Files)
                    .size());
        QVERIFY2(info.value(QStringLiteral("plugins")).toInt() == plugins, report.constData());
        QCOMPARE(info.value(QStringLiteral("banner")).toString(), QString());
    }

    void safeModeShowsTheBanner()
    {
        const QString shot = path(QStringLiteral("safe.png"));
        auto app = startApp({QStringLiteral("--safe-mode"), QStringLiteral("--screenshot"), shot,
                             QStringLiteral("--screenshot-after"), QStringLiteral("300")});
        QVERIFY(app->waitForFinished(60000));
        const QByteArray err = app->readAllStandardError();
        QCOMPARE(app->exitCode(), 0);
        QFile jsonFile(shot + QStringLiteral(".json"));
        QVERIFY2(jsonFile.open(QIODevice::ReadOnly), err.constData());
        const QJsonObject info = QJsonDocument::fromJson(jsonFile.readAll()).object();
        QCOMPARE(info.value(QStringLiteral("banner")).toString(),
                 QStringLiteral("Safe mode: only builtin plugins are loaded (started with "
                                "--safe-mode)."));
        // The banner is drawn in the warning colour under the bar.
        const QImage image(shot);
        QVERIFY(pixelsLike(image, QRect(0, 60, 800, 40), QColor(QStringLiteral("#f4b73f"))) > 5000);
    }

    void englishByDefault()
    {
        QByteArray err;
        const QJsonObject info = screenshotReport(QStringLiteral("en.png"), {}, QString(), &err);
        QVERIFY2(!info.isEmpty(), err.constData());
        QCOMPARE(tabTexts(info), (QStringList{QStringLiteral("Overview"), QStringLiteral("Outputs"),
                                              QStringLiteral("Agent"), QStringLiteral("Plugins"),
                                              QStringLiteral("Fleet")}));
    }

    void langOptionShowsGermanTexts()
    {
        QByteArray err;
        const QJsonObject info =
            screenshotReport(QStringLiteral("de.png"),
                             {QStringLiteral("--lang"), QStringLiteral("de")}, QString(), &err);
        QVERIFY2(!info.isEmpty(), err.constData());
        // The QML texts (qsTr) and the program's own lines are German.
        // (The fifth, the fleet page's tab, is translated when its text reaches the catalogue;
        // it must not be cut short either way.)
        QCOMPARE(tabTexts(info).mid(0, 4),
                 (QStringList{QStringLiteral("Übersicht"), QStringLiteral("Ausgänge"),
                              QStringLiteral("Agent"), QStringLiteral("Plugins")}));
        QCOMPARE(tabTexts(info).size(), 5);
        QVERIFY(!tabTexts(info).last().endsWith(QLatin1String("[truncated]")));
        QVERIFY2(err.contains("Zeigt das Dashboard mit 3 Plugin-Instanzen"), err.constData());
        // Numbers are written the German way too: the fixture sensor's 12.5 reads "12,5".
        bool sawProbe = false;
        for (const QJsonValue &tile : info.value(QStringLiteral("tiles")).toArray()) {
            const QJsonObject t = tile.toObject();
            if (t.value(QStringLiteral("source")).toString().startsWith(QLatin1String("probe:"))) {
                QCOMPARE(t.value(QStringLiteral("value")).toString(), QStringLiteral("12,5"));
                sawProbe = true;
            }
        }
        QVERIFY(sawProbe);
    }

    void germanLocaleShowsGermanTexts()
    {
        QByteArray err;
        const QJsonObject info =
            screenshotReport(QStringLiteral("locale.png"), {QStringLiteral("--safe-mode")},
                             QStringLiteral("de_DE.UTF-8"), &err);
        QVERIFY2(!info.isEmpty(), err.constData());
        // (The fifth, the fleet page's tab, is translated when its text reaches the catalogue;
        // it must not be cut short either way.)
        QCOMPARE(tabTexts(info).mid(0, 4),
                 (QStringList{QStringLiteral("Übersicht"), QStringLiteral("Ausgänge"),
                              QStringLiteral("Agent"), QStringLiteral("Plugins")}));
        QCOMPARE(tabTexts(info).size(), 5);
        QVERIFY(!tabTexts(info).last().endsWith(QLatin1String("[truncated]")));
        QCOMPARE(info.value(QStringLiteral("banner")).toString(),
                 QStringLiteral("Abgesicherter Modus: nur eingebaute Plugins sind geladen "
                                "(mit --safe-mode gestartet)."));
    }

    void langOptionOverridesTheLocale()
    {
        QByteArray err;
        const QJsonObject info = screenshotReport(QStringLiteral("override.png"),
                                                  {QStringLiteral("--lang"), QStringLiteral("en")},
                                                  QStringLiteral("de_DE.UTF-8"), &err);
        QVERIFY2(!info.isEmpty(), err.constData());
        QCOMPARE(tabTexts(info), (QStringList{QStringLiteral("Overview"), QStringLiteral("Outputs"),
                                              QStringLiteral("Agent"), QStringLiteral("Plugins"),
                                              QStringLiteral("Fleet")}));
        QVERIFY2(err.contains("Showing the dashboard with 3 plugin instances;"), err.constData());
    }

    void programDoesNotLinkQtQuick()
    {
        // The window's libraries come with libsmollama-gui.so, loaded only for a window: the
        // headless service does not pay for them.
        QProcess readelf;
        readelf.start(QStringLiteral("readelf"),
                      {QStringLiteral("-d"), QStringLiteral(SMOLLAMA_APP)});
        QVERIFY2(readelf.waitForFinished(30000) && readelf.exitCode() == 0,
                 "readelf (binutils) is needed: run scripts/install-deps.sh");
        const QByteArray dynamic = readelf.readAllStandardOutput();
        QVERIFY(dynamic.contains("libsmollama-core"));
        for (const char *lib : {"libQt6Gui", "libQt6Qml", "libQt6Quick"}) {
            QVERIFY2(!dynamic.contains(lib), lib);
        }
    }

    void missingDashboardLibraryRunsHeadless()
    {
        // A copy of the program whose <libdir>/smollama/ has no libsmollama-gui.so: the package
        // smollama without smollama-dashboard. The core library comes from the build tree.
        const QString bin = path(QStringLiteral("prefix/bin"));
        QVERIFY(QDir().mkpath(bin));
        const QString copy = bin + QStringLiteral("/smollama");
        QVERIFY(QFile::copy(QStringLiteral(SMOLLAMA_APP), copy));
        auto app = startApp({}, true, QString(),
                            {{QStringLiteral("LD_LIBRARY_PATH"),
                              QFileInfo(QStringLiteral(SMOLLAMA_CORE_LIBRARY)).absolutePath()}},
                            copy);
        QVERIFY(app->waitForStarted());
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += app->readAllStandardError()).contains("Running headless"),
                                 20000);
        QVERIFY2(err.contains("No window: the dashboard library"), err.constData());
        QVERIFY2(err.contains("/prefix/lib"), err.constData());
        QVERIFY2(err.contains("libsmollama-gui.so could not be loaded (no such file); reinstall"),
                 err.constData());
        ::kill(pid_t(app->processId()), SIGTERM);
        QVERIFY(app->waitForFinished(20000));
        QCOMPARE(app->exitCode(), 0);
    }

    void dashboardLibraryOfAnotherVersionIsRefused()
    {
        // A library in the dashboard's place that is not this version's dashboard (here: a
        // plugin): its IID is read from the metadata and it is refused before its code runs.
        const QString lib =
            path(QStringLiteral("prefix/") + QLatin1String(SMOLLAMA_GUI_LIBRARY_IN_PREFIX));
        QVERIFY(QDir().mkpath(QFileInfo(lib).absolutePath()));
        QVERIFY(QFile::copy(
            QStringLiteral(SMOLLAMA_BUILTIN_PLUGIN_BUILD_DIR "/libsmollama_system.so"), lib));
        const QString bin = path(QStringLiteral("prefix/bin"));
        QVERIFY(QDir().mkpath(bin));
        const QString copy = bin + QStringLiteral("/smollama");
        QVERIFY(QFile::copy(QStringLiteral(SMOLLAMA_APP), copy));
        auto app = startApp({}, true, QString(),
                            {{QStringLiteral("LD_LIBRARY_PATH"),
                              QFileInfo(QStringLiteral(SMOLLAMA_CORE_LIBRARY)).absolutePath()}},
                            copy);
        QVERIFY(app->waitForStarted());
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += app->readAllStandardError()).contains("Running headless"),
                                 20000);
        QVERIFY2(err.contains("could not be loaded (it is built for org.smollama.PluginFactory/1, "
                              "this smollama needs org.smollama.Dashboard/1)"),
                 err.constData());
        ::kill(pid_t(app->processId()), SIGTERM);
        QVERIFY(app->waitForFinished(20000));
        QCOMPARE(app->exitCode(), 0);
    }

    void noDisplayRunsHeadless()
    {
        auto app = startApp({}, false);
        QVERIFY(app->waitForStarted());
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += app->readAllStandardError()).contains("Running headless"),
                                 20000);
        QVERIFY(!err.contains("Showing the dashboard"));
        ::kill(pid_t(app->processId()), SIGTERM);
        QVERIFY(app->waitForFinished(20000));
        QCOMPARE(app->exitCode(), 0);
    }

    void kioskShowsTheAgentPageWithoutQmlWarnings()
    {
        // Full screen, the keyboard loaded when Qt Virtual Keyboard is installed (else a
        // warning naming the packages): either way the QML loads cleanly.
        const QString shot = path(QStringLiteral("kiosk.png"));
        auto app = startApp({QStringLiteral("--kiosk"), QStringLiteral("--hide-cursor"),
                             QStringLiteral("--page"), QStringLiteral("agent"),
                             QStringLiteral("--screenshot"), shot,
                             QStringLiteral("--screenshot-after"), QStringLiteral("300")});
        QVERIFY(app->waitForFinished(60000));
        const QByteArray err = app->readAllStandardError();
        QVERIFY2(app->exitCode() == 0, err.constData());
        QVERIFY2(!err.contains("qrc:/"), err.constData());
        QVERIFY2(!err.contains("<4>default:"), err.constData());
        const QImage image(shot);
        QVERIFY(!image.isNull());
        QVERIFY(colours(image, image.rect()) > 10);
        // The touch layout: a kiosk never gets the desktop's denser bar.
        QFile jsonFile(shot + QStringLiteral(".json"));
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QJsonObject info = QJsonDocument::fromJson(jsonFile.readAll()).object();
        const QJsonArray tabs = info.value(QStringLiteral("tabs")).toArray();
        QVERIFY(!tabs.isEmpty());
        QVERIFY2(tabs.first().toObject().value(QStringLiteral("height")).toDouble() >= 48,
                 QJsonDocument(info).toJson().constData());
    }

    void agentPageShowsTheStreamedAnswerAndToolCalls()
    {
        FakeOllama ollama;
        QVERIFY(ollama.listen());
        ollama.shows.insert(QStringLiteral("llama3.2"),
                            {{QStringLiteral("capabilities"),
                              QJsonArray{QStringLiteral("completion"), QStringLiteral("tools")}}});
        ollama.enqueue(FakeResponse::lines(
            {FakeChunks::toolCalls(
                 {FakeChunks::call(QStringLiteral("read_source"),
                                   {{QStringLiteral("source"), QStringLiteral("probe:temp")}},
                                   QStringLiteral("call_1"), 0)}),
             FakeChunks::done()}));
        ollama.enqueue(FakeResponse::lines({FakeChunks::text(QStringLiteral("The probe ")),
                                            FakeChunks::text(QStringLiteral("reads 12.5 °C.")),
                                            FakeChunks::done()}));
        writeConfig(ollama.url().toUtf8());

        const QString shot = path(QStringLiteral("agent.png"));
        auto app = startApp({QStringLiteral("--page"), QStringLiteral("agent:How warm is it?"),
                             QStringLiteral("--screenshot"), shot,
                             QStringLiteral("--screenshot-after"), QStringLiteral("2500")});
        // The fake server answers from this event loop: wait without blocking it.
        QTRY_VERIFY_WITH_TIMEOUT(app->state() == QProcess::NotRunning, 60000);
        const QByteArray err = app->readAllStandardError();
        QVERIFY2(app->exitCode() == 0, err.constData());
        QFile jsonFile(shot + QStringLiteral(".json"));
        QVERIFY2(jsonFile.open(QIODevice::ReadOnly), err.constData());
        const QJsonArray chat = QJsonDocument::fromJson(jsonFile.readAll())
                                    .object()
                                    .value(QStringLiteral("conversation"))
                                    .toArray();
        QVERIFY2(chat.size() == 3, err.constData());
        QCOMPARE(chat.at(0).toString(), QStringLiteral("question: How warm is it?"));
        QVERIFY2(chat.at(1).toString().startsWith(QLatin1String("tool: {")) &&
                     chat.at(1).toString().contains(QLatin1String("\"value\":12.5")),
                 qPrintable(chat.at(1).toString()));
        QCOMPARE(chat.at(2).toString(), QStringLiteral("answer: The probe reads 12.5 °C."));
        QCOMPARE(ollama.chatRequests().size(), 2);
    }

    void kioskWithoutAnyDisplayRunsHeadless()
    {
        if (!QDir(QStringLiteral("/dev/dri"))
                 .entryList({QStringLiteral("card*")}, QDir::System)
                 .isEmpty()) {
            QSKIP("this machine has a DRM device: --kiosk would draw on it with eglfs");
        }
        auto app = startApp({QStringLiteral("--kiosk")}, false);
        QVERIFY(app->waitForStarted());
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += app->readAllStandardError()).contains("Running headless"),
                                 20000);
        QVERIFY2(err.contains("--kiosk: no display found"), err.constData());
        ::kill(pid_t(app->processId()), SIGTERM);
        QVERIFY(app->waitForFinished(20000));
        QCOMPARE(app->exitCode(), 0);
    }

    void unusableDisplayRunsHeadless_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("reason");
        QTest::newRow("DISPLAY without an X server")
            << QStringList() << QStringLiteral("DISPLAY") << QStringLiteral(":97")
            << QStringLiteral("no X server answers DISPLAY=:97");
        QTest::newRow("WAYLAND_DISPLAY without a compositor")
            << QStringList() << QStringLiteral("WAYLAND_DISPLAY")
            << QStringLiteral("/nonexistent/wayland-9")
            << QStringLiteral("no Wayland compositor at /nonexistent/wayland-9");
        QTest::newRow("eglfs without a DRM device")
            << QStringList{QStringLiteral("--kiosk")} << QStringLiteral("QT_QPA_PLATFORM")
            << QStringLiteral("eglfs") << QStringLiteral("eglfs");
    }

    void unusableDisplayRunsHeadless()
    {
        // Qt would abort the whole node when its platform cannot start; smollama sees it
        // coming, keeps sensors and API running headless, and says why.
        QFETCH(QStringList, arguments);
        QFETCH(QString, variable);
        QFETCH(QString, value);
        QFETCH(QString, reason);
        if (variable == QLatin1String("QT_QPA_PLATFORM") &&
            !QDir(QStringLiteral("/dev/dri"))
                 .entryList({QStringLiteral("card*")}, QDir::System)
                 .isEmpty()) {
            QSKIP("this machine has a DRM device: eglfs may start");
        }
        auto app = startApp(arguments, false, QString(), {{variable, value}});
        QVERIFY(app->waitForStarted());
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += app->readAllStandardError()).contains("Running headless"),
                                 20000);
        QVERIFY2(err.contains(reason.toUtf8()), err.constData());
        QVERIFY2(err.contains("running headless; see docs/kiosk.md"), err.constData());
        ::kill(pid_t(app->processId()), SIGTERM);
        QVERIFY(app->waitForFinished(20000));
        QCOMPARE(app->exitCode(), 0);
    }

    void badThemeIsReportedAndTheWindowStillShows()
    {
        const QString shot = path(QStringLiteral("light.png"));
        auto app = startApp({QStringLiteral("--theme"), QStringLiteral("purple"),
                             QStringLiteral("--screenshot"), shot,
                             QStringLiteral("--screenshot-after"), QStringLiteral("200")});
        QVERIFY(app->waitForFinished(60000));
        const QByteArray err = app->readAllStandardError();
        QCOMPARE(app->exitCode(), 0);
        QVERIFY2(err.contains("--theme purple: unknown theme; use light, dark or auto"),
                 err.constData());
        QVERIFY(!QImage(shot).isNull());
    }
};

QTEST_GUILESS_MAIN(tst_DashboardApp)
#include "tst_dashboardapp.moc"
