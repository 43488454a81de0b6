// SPDX-License-Identifier: GPL-3.0-or-later
// The real smollama's window offscreen as a desktop user sees it: the layout at 800x480,
// 1280x720 and 1920x1080, the detail chart's texts, the remembered size and page, and the theme
// following the desktop.
#include "dashboardapptest.h"

#include <QDBusConnection>
#include <QDBusError>
#include <QDBusMessage>
#include <QDBusVariant>
#include <QMap>
#include <QRegularExpression>

/*! The XDG desktop portal's Settings interface as a desktop offers it: the colour scheme, and a
    signal when the person switches it. */
class FakePortal : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.portal.Settings")

public:
    uint scheme = 2; // light
    int reads = 0;

public Q_SLOTS:
    QDBusVariant Read(const QString &group, const QString &key)
    {
        ++reads;
        if (group != QLatin1String("org.freedesktop.appearance") ||
            key != QLatin1String("color-scheme")) {
            return QDBusVariant(QVariant());
        }
        // Wrapped twice, as xdg-desktop-portal's Read does.
        return QDBusVariant(QVariant::fromValue(QDBusVariant(scheme)));
    }
};

class tst_DashboardWindow : public DashboardAppTest
{
    Q_OBJECT

private Q_SLOTS:
    void init() { setUpHome(); }

    void detailPageCountsValuesWithPlurals_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("word");
        QTest::newRow("English") << QStringLiteral("en") << QStringLiteral("values");
        QTest::newRow("German") << QStringLiteral("de") << QStringLiteral("Werte");
    }

    void detailPageCountsValuesWithPlurals()
    {
        // "7 values", never "7 value(s)"; the chart has value gridlines and time ticks.
        QFETCH(QString, language);
        QFETCH(QString, word);
        QByteArray err;
        const QJsonObject info = screenshotReport(
            QStringLiteral("detail-%1.png").arg(language),
            {QStringLiteral("--lang"), language, QStringLiteral("--page"),
             QStringLiteral("detail:probe:temp"), QStringLiteral("--screenshot-after"),
             // The chart reads the history again every 5 s.
             QStringLiteral("5500")},
            QString(), &err);
        QVERIFY2(!info.isEmpty(), err.constData());
        const QJsonObject detail = info.value(QStringLiteral("detail")).toObject();
        const QString count = detail.value(QStringLiteral("count")).toString();
        static const QRegularExpression plural(QStringLiteral("^([0-9]+) (\\S+)$"));
        const QRegularExpressionMatch m = plural.match(count);
        QVERIFY2(m.hasMatch(), qPrintable(count));
        QVERIFY2(m.captured(1).toInt() >= 2, qPrintable(count)); // the probe reads every 0.2 s
        QCOMPARE(m.captured(2), word);
        QVERIFY2(detail.value(QStringLiteral("valueTicks")).toInt() >= 2, qPrintable(count));
        QVERIFY2(detail.value(QStringLiteral("timeTicks")).toInt() >= 2, qPrintable(count));
    }

    void layoutGrowsWithTheWindow()
    {
        // 40 sources (38 of the probe and the system plugin's): a larger desktop window shows
        // more tiles of the same size, whole ones only, the rest behind a "more below" hint.
        QStringList names;
        for (int i = 0; i < 38; ++i) {
            names.append(QStringLiteral("s%1").arg(i, 2, 10, QLatin1Char('0')));
        }
        QFile f(path(QStringLiteral("config.yaml")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("node: {name: testnode}\n"
                "history: {persist: false}\n"
                "plugins:\n"
                "  builtin:\n"
                "    system: {}\n"
                "  custom:\n"
                "    - {name: probe, module: fixture_good,\n"
                "       config: {interval_s: 0.5, value: 12.5, sources: [" +
                names.join(QLatin1String(", ")).toUtf8() + "]}}\n");
        f.close();

        const QColor text(QStringLiteral("#eef1f5")); // the dark theme's text
        QMap<int, int> shownAt;
        for (const QSize size : {QSize(800, 480), QSize(1280, 720), QSize(1920, 1080)}) {
            const QString geometry = QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
            const QString shot = path(QStringLiteral("layout-%1.png").arg(geometry));
            QByteArray err;
            const QJsonObject info =
                screenshotReport(QStringLiteral("layout-%1.png").arg(geometry),
                                 {QStringLiteral("-qwindowgeometry"), geometry}, QString(), &err);
            QVERIFY2(!info.isEmpty(), err.constData());
            const QImage image(shot);
            QCOMPARE(image.size(), size);
            QVERIFY2(info.value(QStringLiteral("sources")).toInt() >= 40, err.constData());
            const QJsonObject hint = info.value(QStringLiteral("hint")).toObject();
            const double hintTop =
                hint.isEmpty() ? size.height() : hint.value(QStringLiteral("y")).toDouble();
            const QByteArray report = geometry.toUtf8() + '\n' + QJsonDocument(info).toJson();
            int shown = 0;
            int tileWidth = 0;
            for (const QJsonValue &v : info.value(QStringLiteral("tiles")).toArray()) {
                const QJsonObject tile = v.toObject();
                const QRectF rect(tile.value(QStringLiteral("x")).toDouble(),
                                  tile.value(QStringLiteral("y")).toDouble(),
                                  tile.value(QStringLiteral("width")).toDouble(),
                                  tile.value(QStringLiteral("height")).toDouble());
                if (tile.value(QStringLiteral("shown")).toBool()) {
                    ++shown;
                    tileWidth = qMax(tileWidth, int(rect.width()));
                    // Whole: inside the window and above the hint.
                    QVERIFY2(rect.top() >= 0 && rect.bottom() <= hintTop + 0.5 &&
                                 rect.right() <= size.width(),
                             report.constData());
                    if (tile.value(QStringLiteral("source"))
                            .toString()
                            .startsWith(QLatin1String("probe:"))) {
                        // Its value is drawn.
                        const QRect valueArea(int(rect.x()), int(rect.y() + rect.height() / 5),
                                              int(rect.width()), int(rect.height() / 2));
                        QVERIFY2(pixelsLike(image, valueArea, text) > 40, report.constData());
                    }
                } else {
                    // Never cut mid-value: a tile not shown is wholly behind the hint (or
                    // outside the window).
                    QVERIFY2(rect.top() >= hintTop - 0.5 || rect.bottom() <= 0, report.constData());
                }
            }
            // The tiles keep their size (184 px and what is left of the row shared out).
            QVERIFY2(tileWidth >= 184 && tileWidth < 2 * 184, report.constData());
            if (shown < info.value(QStringLiteral("sources")).toInt()) {
                QVERIFY2(hint.value(QStringLiteral("text"))
                             .toString()
                             .contains(QLatin1String("more below")),
                         report.constData());
            }
            shownAt.insert(size.width(), shown);
            // The bar: touch-sized buttons at 800x480, denser in the wider windows.
            const double tab = info.value(QStringLiteral("tabs"))
                                   .toArray()
                                   .first()
                                   .toObject()
                                   .value(QStringLiteral("height"))
                                   .toDouble();
            QCOMPARE(tab, size.width() < 1000 ? 48.0 : 36.0);
        }
        QVERIFY2(shownAt.value(800) >= 8, qPrintable(QString::number(shownAt.value(800))));
        QVERIFY(shownAt.value(1280) > shownAt.value(800));
        QVERIFY2(shownAt.value(1920) >= 3 * shownAt.value(800),
                 qPrintable(QStringLiteral("%1 tiles at 1920x1080, %2 at 800x480")
                                .arg(shownAt.value(1920))
                                .arg(shownAt.value(800))));
    }

    // A node "testnode" with a probe, and a bridge (the fixture) bringing two other nodes: the
    // greenhouse (whose probe:temp has the id of the local one) and the garage, said offline
    // after its third round.
    void writeFleetConfig()
    {
        QFile f(path(QStringLiteral("config.yaml")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("node: {name: testnode}\n"
                "history: {persist: false}\n"
                "ollama: {url: \"http://127.0.0.1:9\"}\n"
                "plugins:\n"
                "  custom:\n"
                "    - {name: probe, module: fixture_good,\n"
                "       config: {interval_s: 0.2, value: 12.5, sources: [temp, humidity]}}\n"
                "    - {name: fleet, module: fixture_bridge, config: {interval_ms: 50, nodes: ["
                "{name: greenhouse, version: '1.4.0', readings: {'bme280:temperature': 24.5, "
                "'probe:temp': 30.0}},"
                "{name: garage, version: '1.3.2', offline_after: 3, readings: "
                "{'bme280:temperature': 12.0, 'bme280:humidity': 71.0}}]}}\n");
    }

    QJsonObject fleetReport(const QString &name, const QStringList &args, QByteArray *err)
    {
        return screenshotReport(name,
                                QStringList{QStringLiteral("--plugin-path"),
                                            QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/bridge"),
                                            QStringLiteral("--screenshot-after"),
                                            QStringLiteral("1500")} +
                                    args,
                                QString(), err);
    }

    void fleetPageListsEveryNode()
    {
        writeFleetConfig();
        QByteArray err;
        const QJsonObject info = fleetReport(
            QStringLiteral("fleet.png"), {QStringLiteral("--page"), QStringLiteral("fleet")}, &err);
        QVERIFY2(!info.isEmpty(), err.constData());
        const QByteArray report = QJsonDocument(info).toJson();
        QCOMPARE(info.value(QStringLiteral("page")).toInt(), 4);
        // The fleet tab counts the nodes that are offline.
        QCOMPARE(info.value(QStringLiteral("tabs"))
                     .toArray()
                     .at(4)
                     .toObject()
                     .value(QStringLiteral("text")),
                 QStringLiteral("Fleet (1)"));
        const QJsonArray rows = info.value(QStringLiteral("fleet")).toArray();
        QCOMPARE(rows.size(), 3);
        // This node first, then the others by name.
        const QJsonObject local = rows.at(0).toObject();
        const QJsonObject garage = rows.at(1).toObject();
        const QJsonObject greenhouse = rows.at(2).toObject();
        QCOMPARE(local.value(QStringLiteral("name")).toString(), QStringLiteral("testnode"));
        QCOMPARE(garage.value(QStringLiteral("name")).toString(), QStringLiteral("garage"));
        QCOMPARE(greenhouse.value(QStringLiteral("name")).toString(), QStringLiteral("greenhouse"));
        QCOMPARE(local.value(QStringLiteral("state")).toString(), QStringLiteral("online"));
        QCOMPARE(greenhouse.value(QStringLiteral("state")).toString(), QStringLiteral("online"));
        QCOMPARE(garage.value(QStringLiteral("state")).toString(), QStringLiteral("offline"));
        QVERIFY2(garage.value(QStringLiteral("reason")).toString().contains(QLatin1String("fleet")),
                 report.constData());
        // Last seen through the formatter, sources, errors, version.
        static const QRegularExpression facts(QStringLiteral(
            "^last seen (just now|[0-9]+ s ago)  ·  2 source(s|\\(s\\))  ·  0 error(s|\\(s\\))"
            "  ·  version 1\\.4\\.0$"));
        QVERIFY2(facts.match(greenhouse.value(QStringLiteral("facts")).toString()).hasMatch(),
                 report.constData());
        QVERIFY2(garage.value(QStringLiteral("facts"))
                     .toString()
                     .contains(QLatin1String("version 1.3.2")),
                 report.constData());
        // This node's plugin states; the others name the bridge they came through.
        QVERIFY2(
            local.value(QStringLiteral("plugins")).toString().contains(QLatin1String("2 loaded")),
            report.constData());
        QCOMPARE(garage.value(QStringLiteral("plugins")).toString(),
                 QStringLiteral("heard through fleet"));

        // The offline node's row is drawn in the offline colours: its border and its dot.
        const QImage image(path(QStringLiteral("fleet.png")));
        const int garageY = int(garage.value(QStringLiteral("y")).toDouble());
        const int greenhouseY = int(greenhouse.value(QStringLiteral("y")).toDouble());
        const QColor warning(QStringLiteral("#f4b73f"));
        const QColor error(QStringLiteral("#ff6b6b"));
        QVERIFY(pixelsLike(image, QRect(0, garageY, 800, greenhouseY - garageY), warning) > 200);
        QVERIFY(pixelsLike(image, QRect(0, garageY, 800, greenhouseY - garageY), error) > 50);
        QCOMPARE(pixelsLike(image, QRect(0, greenhouseY, 800, 40), warning), 0);
    }

    void overviewGroupsTilesByNode()
    {
        writeFleetConfig();
        QByteArray err;
        const QJsonObject info =
            fleetReport(QStringLiteral("nodes.png"),
                        {QStringLiteral("-qwindowgeometry"), QStringLiteral("1280x720")}, &err);
        QVERIFY2(!info.isEmpty(), err.constData());
        const QByteArray report = QJsonDocument(info).toJson();
        // A header per node, this node first; the offline one says so.
        const QJsonArray headers = info.value(QStringLiteral("nodeHeaders")).toArray();
        QCOMPARE(headers.size(), 3);
        QCOMPARE(headers.at(0).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("testnode"));
        QCOMPARE(headers.at(1).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("garage"));
        QCOMPARE(headers.at(2).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("greenhouse"));
        QCOMPARE(headers.at(1).toObject().value(QStringLiteral("online")).toBool(), false);
        QCOMPARE(headers.at(2).toObject().value(QStringLiteral("online")).toBool(), true);
        // Every node's tiles under its header; the same source id on two nodes is two tiles;
        // the offline node's tiles are stale, never live.
        QMap<QString, int> tilesOf;
        QMap<QString, double> headerY;
        for (const QJsonValue &v : headers) {
            headerY.insert(v.toObject().value(QStringLiteral("name")).toString(),
                           v.toObject().value(QStringLiteral("y")).toDouble());
        }
        const QImage image(path(QStringLiteral("nodes.png")));
        const QColor warning(QStringLiteral("#f4b73f"));
        for (const QJsonValue &v : info.value(QStringLiteral("tiles")).toArray()) {
            const QJsonObject tile = v.toObject();
            const QString node = tile.value(QStringLiteral("node")).toString();
            const QString quality = tile.value(QStringLiteral("quality")).toString();
            ++tilesOf[node + QLatin1Char('/') + tile.value(QStringLiteral("source")).toString()];
            const double y = tile.value(QStringLiteral("y")).toDouble();
            QVERIFY2(y > headerY.value(node), report.constData());
            const QRect rect(int(tile.value(QStringLiteral("x")).toDouble()), int(y),
                             int(tile.value(QStringLiteral("width")).toDouble()),
                             int(tile.value(QStringLiteral("height")).toDouble()));
            if (node == QLatin1String("garage")) {
                QCOMPARE(quality, QStringLiteral("stale"));
                // Drawn as stale: the warning colour's border and word.
                QVERIFY2(pixelsLike(image, rect, warning) > 100, report.constData());
            } else {
                QVERIFY2(quality == QLatin1String("ok") || quality == QLatin1String("none"),
                         report.constData());
                QCOMPARE(pixelsLike(image, rect, warning), 0);
            }
        }
        QCOMPARE(tilesOf.value(QStringLiteral("testnode/probe:temp")), 1);
        QCOMPARE(tilesOf.value(QStringLiteral("greenhouse/probe:temp")), 1);
        QCOMPARE(tilesOf.value(QStringLiteral("greenhouse/bme280:temperature")), 1);
        QCOMPARE(tilesOf.value(QStringLiteral("garage/bme280:temperature")), 1);
        QCOMPARE(tilesOf.value(QStringLiteral("garage/bme280:humidity")), 1);
    }

    void overviewOfOneNode()
    {
        // What a tap on a fleet row opens: the overview on that node's tiles only.
        writeFleetConfig();
        QByteArray err;
        const QJsonObject info =
            fleetReport(QStringLiteral("garage.png"),
                        {QStringLiteral("--page"), QStringLiteral("node:garage")}, &err);
        QVERIFY2(!info.isEmpty(), err.constData());
        const QByteArray report = QJsonDocument(info).toJson();
        QCOMPARE(info.value(QStringLiteral("page")).toInt(), 0);
        const QJsonArray headers = info.value(QStringLiteral("nodeHeaders")).toArray();
        QCOMPARE(headers.size(), 1);
        QCOMPARE(headers.at(0).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("garage"));
        const QJsonArray tiles = info.value(QStringLiteral("tiles")).toArray();
        QCOMPARE(tiles.size(), 2);
        for (const QJsonValue &v : tiles) {
            QCOMPARE(v.toObject().value(QStringLiteral("node")).toString(),
                     QStringLiteral("garage"));
            QCOMPARE(v.toObject().value(QStringLiteral("quality")).toString(),
                     QStringLiteral("stale"));
            QVERIFY2(v.toObject().value(QStringLiteral("shown")).toBool(), report.constData());
        }
    }

    void windowRemembersSizeAndPage()
    {
        // A window left at 720x540 on the plugins page opens that way next time; the title
        // names the node.
        QByteArray err;
        QJsonObject info =
            screenshotReport(QStringLiteral("first.png"),
                             {QStringLiteral("-qwindowgeometry"), QStringLiteral("720x540"),
                              QStringLiteral("--page"), QStringLiteral("plugins")},
                             QString(), &err);
        QVERIFY2(!info.isEmpty(), err.constData());
        QCOMPARE(info.value(QStringLiteral("title")).toString(),
                 QStringLiteral("smollama – testnode"));
        QCOMPARE(info.value(QStringLiteral("page")).toInt(), 3);
        QVERIFY(QFile::exists(path(QStringLiteral("config/smollama/dashboard.conf"))));

        info = screenshotReport(QStringLiteral("second.png"), {}, QString(), &err);
        QVERIFY2(!info.isEmpty(), err.constData());
        QCOMPARE(QImage(path(QStringLiteral("second.png"))).size(), QSize(720, 540));
        QCOMPARE(info.value(QStringLiteral("page")).toInt(), 3);

        // --page and -qwindowgeometry still decide for themselves.
        info = screenshotReport(QStringLiteral("third.png"),
                                {QStringLiteral("-qwindowgeometry"), QStringLiteral("800x480"),
                                 QStringLiteral("--page"), QStringLiteral("overview")},
                                QString(), &err);
        QCOMPARE(QImage(path(QStringLiteral("third.png"))).size(), QSize(800, 480));
        QCOMPARE(info.value(QStringLiteral("page")).toInt(), 0);
    }

    void themeFollowsTheDesktopUnlessSet_data()
    {
        QTest::addColumn<QByteArray>("configTheme");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("gtkTheme");
        QTest::addColumn<bool>("dark");
        QTest::newRow("auto, desktop dark")
            << QByteArray("auto") << QStringList() << "Adwaita:dark" << true;
        QTest::newRow("auto, desktop light")
            << QByteArray("auto") << QStringList() << "Adwaita" << false;
        QTest::newRow("auto, desktop says nothing")
            << QByteArray("auto") << QStringList() << QString() << true;
        QTest::newRow("default is auto") << QByteArray() << QStringList() << "Adwaita" << false;
        QTest::newRow("configured dark wins")
            << QByteArray("dark") << QStringList() << "Adwaita" << true;
        QTest::newRow("--theme wins")
            << QByteArray("dark") << QStringList{QStringLiteral("--theme"), QStringLiteral("light")}
            << "Adwaita:dark" << false;
    }

    void themeFollowsTheDesktopUnlessSet()
    {
        QFETCH(QByteArray, configTheme);
        QFETCH(QStringList, arguments);
        QFETCH(QString, gtkTheme);
        QFETCH(bool, dark);
        QFile f(path(QStringLiteral("config.yaml")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("node: {name: testnode}\nhistory: {persist: false}\n");
        if (!configTheme.isEmpty()) {
            f.write("dashboard: {theme: " + configTheme + "}\n");
        }
        f.write("plugins:\n  builtin:\n    system: {}\n");
        f.close();
        QList<QPair<QString, QString>> variables;
        if (!gtkTheme.isEmpty()) {
            variables.append({QStringLiteral("GTK_THEME"), gtkTheme});
        }
        QByteArray err;
        const QJsonObject info =
            screenshotReport(QStringLiteral("theme.png"), arguments, QString(), &err, variables);
        QVERIFY2(!info.isEmpty(), err.constData());
        QCOMPARE(info.value(QStringLiteral("dark")).toBool(), dark);
        // And it is drawn so: the background of the page.
        const QImage image(path(QStringLiteral("theme.png")));
        QCOMPARE(image.pixelColor(image.width() / 2, image.height() - 2),
                 QColor(dark ? QStringLiteral("#15181d") : QStringLiteral("#f3f4f6")));
    }

    void themeFollowsThePortalLive()
    {
        // The desktop says light at start, then the person switches to dark while the window
        // is open: the dashboard follows without a restart.
        QProcess daemon;
        daemon.start(QStringLiteral("dbus-daemon"),
                     {QStringLiteral("--session"), QStringLiteral("--nofork"),
                      QStringLiteral("--print-address=1")});
        if (!daemon.waitForStarted(10000)) {
            if (qEnvironmentVariable("CI") == QLatin1String("true")) {
                QFAIL("dbus-daemon (package dbus) is needed: run scripts/install-deps.sh");
            }
            QSKIP("dbus-daemon is not installed");
        }
        QTRY_VERIFY_WITH_TIMEOUT(daemon.canReadLine(), 10000);
        const QString address = QString::fromUtf8(daemon.readLine()).trimmed();
        {
            QDBusConnection bus = QDBusConnection::connectToBus(address, QStringLiteral("portal"));
            QVERIFY2(bus.isConnected(), qPrintable(bus.lastError().message()));
            FakePortal portal;
            QVERIFY(bus.registerService(QStringLiteral("org.freedesktop.portal.Desktop")));
            QVERIFY(bus.registerObject(QStringLiteral("/org/freedesktop/portal/desktop"), &portal,
                                       QDBusConnection::ExportAllSlots));

            QFile f(path(QStringLiteral("config.yaml")));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("node: {name: testnode}\nhistory: {persist: false}\n"
                    "plugins:\n  builtin:\n    system: {}\n");
            f.close();
            for (const bool switchToDark : {false, true}) {
                const QString shot =
                    path(QStringLiteral("portal-%1.png").arg(switchToDark ? 1 : 0));
                portal.reads = 0;
                auto app = startApp({QStringLiteral("--screenshot"), shot,
                                     QStringLiteral("--screenshot-after"), QStringLiteral("3000")},
                                    true, QString(),
                                    {{QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), address}});
                QTRY_VERIFY_WITH_TIMEOUT(portal.reads > 0, 30000);
                if (switchToDark) {
                    QTest::qWait(500); // (the window subscribes right after reading)
                    QDBusMessage changed = QDBusMessage::createSignal(
                        QStringLiteral("/org/freedesktop/portal/desktop"),
                        QStringLiteral("org.freedesktop.portal.Settings"),
                        QStringLiteral("SettingChanged"));
                    changed << QStringLiteral("org.freedesktop.appearance")
                            << QStringLiteral("color-scheme")
                            << QVariant::fromValue(QDBusVariant(uint(1)));
                    QVERIFY(bus.send(changed));
                }
                QTRY_VERIFY_WITH_TIMEOUT(app->state() == QProcess::NotRunning, 60000);
                const QByteArray err = app->readAllStandardError();
                QFile jsonFile(shot + QStringLiteral(".json"));
                QVERIFY2(jsonFile.open(QIODevice::ReadOnly), err.constData());
                const QJsonObject info = QJsonDocument::fromJson(jsonFile.readAll()).object();
                QCOMPARE(info.value(QStringLiteral("dark")).toBool(), switchToDark);
                const QImage image(shot);
                QCOMPARE(
                    image.pixelColor(image.width() / 2, image.height() - 2),
                    QColor(switchToDark ? QStringLiteral("#15181d") : QStringLiteral("#f3f4f6")));
            }
        }
        QDBusConnection::disconnectFromBus(QStringLiteral("portal"));
        daemon.kill();
        daemon.waitForFinished(5000);
    }
};

QTEST_GUILESS_MAIN(tst_DashboardWindow)
#include "tst_dashboardwindow.moc"
