// SPDX-License-Identifier: GPL-3.0-or-later
// The Outputs page of a window that follows a node over its HTTP API (smollama --connect):
// node A runs headless with a simulated GPIO output; B (here, in process) follows it with a
// RemoteNode. B lists A's outputs, switches them on A with A's token, refuses without one or
// with a refused one (saying what to do), and stops switching while A is offline.
#include "outputsmodel.h"
#include "remote/remotenode.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace Smollama;

class tst_DashboardRemoteOutputs : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<QProcess> m_a;
    quint16 m_port = 0;

    QString path(const QString &name) const { return m_tmp->filePath(name); }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }

    // The gpio plugin on a simulated chip with the outputs led and fan.
    static QByteArray onePlugin()
    {
        return "  builtin:\n"
               "    gpio:\n"
               "      enabled: true\n"
               "      config:\n"
               "        backend: sim\n"
               "        pins:\n"
               "          - {name: led, pin: 27, mode: output}\n"
               "          - {name: fan, pin: 22, mode: output}\n";
    }

    // Node A: headless, its HTTP API on m_port, with \a plugins (under `plugins:`).
    bool startNodeA(const QByteArray &plugins = onePlugin())
    {
        QFile f(path(QStringLiteral("config.yaml")));
        if (!f.open(QIODevice::WriteOnly)) {
            return false;
        }
        f.write("node: {name: nodea}\n"
                "history: {persist: false}\n"
                "http: {heartbeat_seconds: 2}\n"
                "plugins:\n" +
                plugins);
        f.close();
        m_a = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "DISPLAY",
                                 "WAYLAND_DISPLAY", "JOURNAL_STREAM", "QT_QPA_PLATFORM"}) {
            env.remove(QLatin1String(name));
        }
        env.insert(QStringLiteral("HOME"), m_tmp->path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
        env.insert(QStringLiteral("SMOLLAMA_HTTP_PORT"), QString::number(m_port));
        env.insert(QStringLiteral("SMOLLAMA_BUILTIN_PLUGIN_DIR"),
                   QStringLiteral(SMOLLAMA_BUILTIN_PLUGIN_BUILD_DIR));
        m_a->setProcessEnvironment(env);
        m_a->start(QStringLiteral(SMOLLAMA_APP),
                   {QStringLiteral("--headless"), QStringLiteral("-c"), f.fileName()});
        QByteArray err;
        const bool up = QTest::qWaitFor(
            [&] { return (err += m_a->readAllStandardError()).contains("Running headless"); },
            30000);
        if (!up) {
            qWarning("node A did not start: %s", err.constData());
        }
        return up;
    }

    void stopNodeA()
    {
        if (m_a && m_a->state() != QProcess::NotRunning) {
            ::kill(pid_t(m_a->processId()), SIGTERM);
            if (!m_a->waitForFinished(20000)) {
                m_a->kill();
                m_a->waitForFinished();
            }
        }
    }

    // A's token, as A wrote it on its first start.
    QByteArray tokenOfA() const
    {
        QFile f(path(QStringLiteral(".smollama/api-token")));
        return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray();
    }

    // The value of \a source as A's own GET /api/readings says (undefined when it has none).
    QJsonValue valueOnA(const QString &source) const
    {
        QNetworkAccessManager network;
        QNetworkReply *reply =
            network.get(QNetworkRequest(QUrl(url().toString() + QStringLiteral("/api/readings"))));
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        reply->deleteLater();
        for (const QJsonValue &v : QJsonDocument::fromJson(reply->readAll()).array()) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("source")).toString() == source) {
                return o.value(QStringLiteral("value"));
            }
        }
        return QJsonValue(QJsonValue::Undefined);
    }

    static QVariant role(const OutputsModel &model, int row, const QByteArray &name)
    {
        return model.data(model.index(row), model.roleNames().key(name));
    }

    static int rowOf(const OutputsModel &model, const QString &name)
    {
        for (int i = 0; i < model.rowCount(); ++i) {
            if (role(model, i, "name").toString() == name) {
                return i;
            }
        }
        return -1;
    }

private Q_SLOTS:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        m_port = probe.serverPort();
        probe.close();
        QVERIFY(startNodeA());
    }

    void cleanup()
    {
        stopNodeA();
        m_a.reset();
    }

    void listsAndSwitchesTheNodesOutputsWithItsToken()
    {
        const QByteArray token = tokenOfA();
        QVERIFY(!token.isEmpty());
        RemoteNode node(url(), token);
        node.start();
        OutputsModel model(&node);
        QTRY_COMPARE_WITH_TIMEOUT(model.count(), 2, 20000);
        const int led = rowOf(model, QStringLiteral("led"));
        QVERIFY(led >= 0);
        QVERIFY(rowOf(model, QStringLiteral("fan")) >= 0);
        QCOMPARE(role(model, led, "tool").toString(), QStringLiteral("gpio_write"));
        QCOMPARE(role(model, led, "source").toString(), QStringLiteral("gpio:led"));
        // The state is A's reading of the output.
        QTRY_VERIFY_WITH_TIMEOUT(role(model, led, "known").toBool(), 20000);
        QCOMPARE(role(model, led, "on").toBool(), false);
        QCOMPARE(model.blockedReason(), QString());
        QVERIFY(role(model, led, "switchable").toBool());

        model.setOn(led, true);
        QVERIFY(role(model, led, "busy").toBool()); // returns before A answers
        QVERIFY(!role(model, led, "switchable").toBool());
        QTRY_VERIFY_WITH_TIMEOUT(!role(model, led, "busy").toBool(), 20000);
        QCOMPARE(role(model, led, "error").toString(), QString());
        QCOMPARE(role(model, led, "on").toBool(), true);
        // Switched on A itself.
        QTRY_COMPARE_WITH_TIMEOUT(valueOnA(QStringLiteral("gpio:led")), QJsonValue(true), 20000);
        QCOMPARE(valueOnA(QStringLiteral("gpio:fan")), QJsonValue(false));

        // And off again; the toggle follows A's reading.
        model.setOn(led, false);
        QTRY_COMPARE_WITH_TIMEOUT(valueOnA(QStringLiteral("gpio:led")), QJsonValue(false), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!role(model, led, "on").toBool(), 20000);

        // A gone: nothing can be switched, and the page says why.
        stopNodeA();
        QTRY_VERIFY_WITH_TIMEOUT(!node.isOnline(), 20000);
        QVERIFY(model.blockedReason().contains(QLatin1String("offline")));
        QVERIFY(!role(model, led, "switchable").toBool());
        model.setOn(led, true);
        QCOMPARE(role(model, led, "busy").toBool(), false);
        QCOMPARE(role(model, led, "error").toString(), model.blockedReason());
    }

    void withoutTheTokenSwitchingIsRefused()
    {
        // Reads from the same machine need no token, so the outputs are listed; switching does.
        RemoteNode node(url());
        node.start();
        OutputsModel model(&node);
        QTRY_COMPARE_WITH_TIMEOUT(model.count(), 2, 20000);
        const int led = rowOf(model, QStringLiteral("led"));
        QVERIFY(model.blockedReason().contains(QLatin1String("--token-file")));
        QVERIFY(!role(model, led, "switchable").toBool());
        model.setOn(led, true);
        QCOMPARE(role(model, led, "busy").toBool(), false);
        QCOMPARE(role(model, led, "error").toString(), model.blockedReason());
        QCOMPARE(valueOnA(QStringLiteral("gpio:led")), QJsonValue(false));
    }

    void aRefusedTokenIsShown()
    {
        RemoteNode node(url(), QByteArrayLiteral("not-the-token-0123456789"));
        node.start();
        OutputsModel model(&node);
        QTRY_COMPARE_WITH_TIMEOUT(model.count(), 2, 20000);
        const int led = rowOf(model, QStringLiteral("led"));
        // Nothing says yet that the token is wrong: the first call finds out.
        QCOMPARE(model.blockedReason(), QString());
        model.setOn(led, true);
        QTRY_VERIFY_WITH_TIMEOUT(!role(model, led, "busy").toBool(), 20000);
        // A's own words on the row, and what to do above the list.
        const QString error = role(model, led, "error").toString();
        QVERIFY2(error.contains(QLatin1String("token")), qPrintable(error));
        QVERIFY(model.blockedReason().contains(QLatin1String("refused the API token")));
        QVERIFY(!role(model, led, "switchable").toBool());
        QCOMPARE(valueOnA(QStringLiteral("gpio:led")), QJsonValue(false));
    }

    void eachInstanceSwitchesItsOwnOutputs()
    {
        // Two gpio instances give one gpio_write, listed once with the instances' output names
        // joined: each row is one instance's output, and its call names the instance.
        stopNodeA();
        QVERIFY(startNodeA("  custom:\n"
                           "    - {name: roof, module: gpio, config: {backend: sim, pins: "
                           "[{name: hatch, pin: 5, mode: output}]}}\n"
                           "    - {name: garden, module: gpio, config: {backend: sim, pins: "
                           "[{name: pump, pin: 6, mode: output}, {name: valve, pin: 7, mode: "
                           "output}]}}\n"));
        RemoteNode node(url(), tokenOfA());
        node.start();
        OutputsModel model(&node);
        QTRY_COMPARE_WITH_TIMEOUT(model.count(), 3, 20000);
        QStringList sources;
        for (int i = 0; i < model.count(); ++i) {
            sources << role(model, i, "source").toString();
        }
        sources.sort();
        QCOMPARE(sources,
                 (QStringList{QStringLiteral("garden:pump"), QStringLiteral("garden:valve"),
                              QStringLiteral("roof:hatch")}));
        const int pump = rowOf(model, QStringLiteral("pump"));
        QTRY_VERIFY_WITH_TIMEOUT(role(model, pump, "known").toBool(), 20000);
        model.setOn(pump, true);
        QTRY_VERIFY_WITH_TIMEOUT(!role(model, pump, "busy").toBool(), 20000);
        QCOMPARE(role(model, pump, "error").toString(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(valueOnA(QStringLiteral("garden:pump")), QJsonValue(true), 20000);
        QCOMPARE(valueOnA(QStringLiteral("roof:hatch")), QJsonValue(false));
    }
};

QTEST_GUILESS_MAIN(tst_DashboardRemoteOutputs)
#include "tst_dashboardremoteoutputs.moc"
