// SPDX-License-Identifier: GPL-3.0-or-later
// Starts the real smollama with its window offscreen (the system plugin and a simulated
// sensor), grabs the window and checks that tiles with values were drawn.
#include "fakeollama.h"

#include <QColor>
#include <QDBusConnection>
#include <QDBusError>
#include <QDBusMessage>
#include <QDBusVariant>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

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

class tst_DashboardApp : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_tmp;

    QString path(const QString &name) const { return m_tmp->filePath(name); }

    void writeConfig(const QByteArray &ollamaUrl = "http://127.0.0.1:9")
    {
        QFile f(path(QStringLiteral("config.yaml")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("node: {name: testnode}\n"
                "history: {persist: false}\n"
                "dashboard: {theme: dark}\n"
                "ollama: {url: \"" +
                ollamaUrl +
                "\", model: \"llama3.2\"}\n"
                "plugins:\n"
                "  builtin:\n"
                "    system: {}\n"
                "    gpio: {config: {backend: sim, pins: [{pin: 27, name: fan, mode: output}]}}\n"
                "  custom:\n"
                "    - {name: probe, module: fixture_good,\n"
                "       config: {interval_s: 0.2, value: 12.5, sources: [temp, humidity]}}\n");
    }

    std::unique_ptr<QProcess> startApp(const QStringList &args, bool display = true,
                                       const QString &locale = QString(),
                                       const QList<QPair<QString, QString>> &variables = {})
    {
        auto p = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // English unless a test gives a locale (the language follows LC_ALL, LANG, ...).
        for (const char *name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
            env.remove(QLatin1String(name));
        }
        if (!locale.isEmpty()) {
            env.insert(QStringLiteral("LANG"), locale);
            env.insert(QStringLiteral("LC_ALL"), locale);
        }
        env.insert(QStringLiteral("HOME"), m_tmp->path());
        // The window's remembered size and page (QSettings) stay in the test's folder.
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
        // No desktop colour scheme from the machine running the tests (GTK_THEME, the portal
        // on a session bus): a test gives one when it wants it.
        env.remove(QStringLiteral("GTK_THEME"));
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        // The HTTP API on a free port: never 8080, where another test's smollama may listen.
        env.insert(QStringLiteral("SMOLLAMA_HTTP_PORT"), QStringLiteral("0"));
        env.insert(QStringLiteral("SMOLLAMA_FIXTURE_LOG"), path(QStringLiteral("fixture.log")));
        env.insert(QStringLiteral("SMOLLAMA_BUILTIN_PLUGIN_DIR"),
                   QStringLiteral(SMOLLAMA_BUILTIN_PLUGIN_BUILD_DIR));
        env.remove(QStringLiteral("JOURNAL_STREAM"));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        if (display) {
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
            env.insert(QStringLiteral("QT_QUICK_BACKEND"), QStringLiteral("software"));
        } else {
            env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        }
        for (const auto &[name, value] : variables) {
            env.insert(name, value);
        }
        p->setProcessEnvironment(env);
        p->start(QStringLiteral(SMOLLAMA_APP),
                 QStringList{QStringLiteral("-c"), path(QStringLiteral("config.yaml")),
                             QStringLiteral("--plugin-path"),
                             QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good")} +
                     args);
        return p;
    }

    // Distinct colours inside \a rect of \a image.
    static int colours(const QImage &image, const QRect &rect)
    {
        QSet<QRgb> seen;
        const QRect r = rect.intersected(image.rect());
        for (int y = r.top(); y <= r.bottom(); ++y) {
            for (int x = r.left(); x <= r.right(); ++x) {
                seen.insert(image.pixel(x, y));
            }
        }
        return int(seen.size());
    }

    // Pixels inside \a rect close to \a colour (anti-aliased glyph edges excluded).
    static int pixelsLike(const QImage &image, const QRect &rect, const QColor &colour)
    {
        int n = 0;
        const QRect r = rect.intersected(image.rect());
        for (int y = r.top(); y <= r.bottom(); ++y) {
            for (int x = r.left(); x <= r.right(); ++x) {
                const QColor c = image.pixelColor(x, y);
                if (qAbs(c.red() - colour.red()) + qAbs(c.green() - colour.green()) +
                        qAbs(c.blue() - colour.blue()) <
                    30) {
                    ++n;
                }
            }
        }
        return n;
    }

    // Runs the dashboard until its screenshot, and returns the report written next to it.
    QJsonObject screenshotReport(const QString &name, const QStringList &args,
                                 const QString &locale, QByteArray *err,
                                 const QList<QPair<QString, QString>> &variables = {})
    {
        const QString shot = path(name);
        auto app =
            startApp(QStringList{QStringLiteral("--screenshot"), shot,
                                 QStringLiteral("--screenshot-after"), QStringLiteral("300")} +
                         args,
                     true, locale, variables);
        if (!app->waitForFinished(60000)) {
            return {};
        }
        *err = app->readAllStandardError();
        QFile jsonFile(shot + QStringLiteral(".json"));
        if (app->exitCode() != 0 || !jsonFile.open(QIODevice::ReadOnly)) {
            return {};
        }
        return QJsonDocument::fromJson(jsonFile.readAll()).object();
    }

    // The tab labels of a report; fails the test when one was cut short.
    static QStringList tabTexts(const QJsonObject &info)
    {
        QStringList texts;
        for (const QJsonValue &v : info.value(QStringLiteral("tabs")).toArray()) {
            const QJsonObject tab = v.toObject();
            // "Plugins (1)" when a plugin has a problem: only the label itself counts.
            texts.append(
                tab.value(QStringLiteral("text")).toString().section(QLatin1String(" ("), 0, 0));
            if (tab.value(QStringLiteral("truncated")).toBool()) {
                texts.last().append(QStringLiteral(" [truncated]"));
            }
        }
        return texts;
    }

private Q_SLOTS:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        writeConfig();
    }

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
        QVERIFY2(err.contains("Showing the dashboard with 3 plugin instance(s)"), err.constData());

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
        // The three configured instances, and the modbus builtin (listed, not configured) when
        // it was built.
        const int plugins = 3 + (QDir(QStringLiteral(SMOLLAMA_BUILTIN_PLUGIN_BUILD_DIR))
                                         .entryList({QStringLiteral("*modbus*")}, QDir::Files)
                                         .isEmpty()
                                     ? 0
                                     : 1);
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
                                              QStringLiteral("Agent"), QStringLiteral("Plugins")}));
    }

    void langOptionShowsGermanTexts()
    {
        QByteArray err;
        const QJsonObject info =
            screenshotReport(QStringLiteral("de.png"),
                             {QStringLiteral("--lang"), QStringLiteral("de")}, QString(), &err);
        QVERIFY2(!info.isEmpty(), err.constData());
        // The QML texts (qsTr) and the program's own lines are German.
        QCOMPARE(tabTexts(info),
                 (QStringList{QStringLiteral("Übersicht"), QStringLiteral("Ausgänge"),
                              QStringLiteral("Agent"), QStringLiteral("Plugins")}));
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
        QCOMPARE(tabTexts(info),
                 (QStringList{QStringLiteral("Übersicht"), QStringLiteral("Ausgänge"),
                              QStringLiteral("Agent"), QStringLiteral("Plugins")}));
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
                                              QStringLiteral("Agent"), QStringLiteral("Plugins")}));
        QVERIFY2(err.contains("Showing the dashboard with 3 plugin instance(s)"), err.constData());
    }

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
