// SPDX-License-Identifier: GPL-3.0-or-later
// What the tests of the real smollama with a window share: a state folder and configuration of
// their own, starting the program offscreen, its screenshot and report, and looking at pixels.
#pragma once

#include <QColor>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class DashboardAppTest : public QObject
{
protected:
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
                                       const QList<QPair<QString, QString>> &variables = {},
                                       const QString &program = QStringLiteral(SMOLLAMA_APP))
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
        p->start(program, QStringList{QStringLiteral("-c"), path(QStringLiteral("config.yaml")),
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
            // The end of its output says why (a failure message shows only the start).
            qWarning("smollama exited with %d (%s); the end of its output:\n%s", app->exitCode(),
                     app->exitStatus() == QProcess::CrashExit ? "crashed" : "exited",
                     err->right(6000).constData());
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

    // Before each test: an empty HOME with the standard configuration.
    void setUpHome()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        writeConfig();
    }
};
