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
