// SPDX-License-Identifier: GPL-3.0-or-later
// `smollama-cli ask` as a person runs it: the real program against a fake Ollama served from
// this test process (or a closed port), with the builtin plugins giving real readings.
#include "fakeollama.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace FakeChunks;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class tst_AskCommand : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_config;

    Run ask(const QStringList &arguments)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
        process.setProcessEnvironment(env);
        process.setWorkingDirectory(m_tmp.path());
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(QStringLiteral(SMOLLAMA_CLI),
                      QStringList{QStringLiteral("-c"), m_config, QStringLiteral("ask")} +
                          arguments);
        // The fake server answers from this thread's event loop while we wait.
        if (!finished.wait(60000)) {
            process.kill();
            process.waitForFinished();
        }
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    static QString closedPortUrl()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_config = m_tmp.filePath(QStringLiteral("config.yaml"));
        QFile f(m_config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("agent:\n  ollama_retry_attempts: 0\n");
    }

    void unreachableExits3()
    {
        const QString url = closedPortUrl();
        const Run run =
            ask({QStringLiteral("How warm is the CPU?"), QStringLiteral("--ollama"), url});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(QStringLiteral("Ollama is not reachable at %1 — start it with "
                                                 "`ollama serve` or set ollama.host")
                                      .arg(url)),
                 qPrintable(run.err));
    }

    void noToolsExits4()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.enqueue(FakeResponse::error(
            400, QStringLiteral("registry.ollama.ai/library/gemma3:1b does not support tools")));
        server.setTags(QJsonObject{
            {QStringLiteral("models"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("name"), QStringLiteral("qwen3:0.6b")},
                 {QStringLiteral("capabilities"),
                  QJsonArray{QStringLiteral("completion"), QStringLiteral("tools")}}}}}});
        const Run run =
            ask({QStringLiteral("hi"), QStringLiteral("--model"), QStringLiteral("gemma3:1b"),
                 QStringLiteral("--ollama"), server.url()});
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains(QStringLiteral("model 'gemma3:1b' does not support tools")),
                 qPrintable(run.err));
        QVERIFY2(
            run.err.contains(QStringLiteral("Installed models that support tools: qwen3:0.6b")),
            qPrintable(run.err));
        QCOMPARE(server.chatRequests().value(0).body.value(QStringLiteral("model")).toString(),
                 QStringLiteral("gemma3:1b"));
    }

    void fullAsk_data()
    {
        QTest::addColumn<bool>("json");
        QTest::newRow("text") << false;
        QTest::newRow("json") << true;
    }

    void fullAsk()
    {
        QFETCH(bool, json);
        // The model lists the sources, reads the first one and reports its value: each answer
        // depends on the tool message the CLI sent back.
        FakeOllama server;
        QVERIFY(server.listen());
        QString chosen;
        QString value;
        server.setHandler([&](const FakeRequest &r) {
            const QJsonArray messages = r.body.value(QStringLiteral("messages")).toArray();
            const QJsonObject last = messages.last().toObject();
            if (last.value(QStringLiteral("role")).toString() == QLatin1String("user")) {
                return FakeResponse::lines(
                    {toolCalls({call(QStringLiteral("list_sources"), {})}), done()});
            }
            const QString tool = last.value(QStringLiteral("tool_name")).toString();
            const QByteArray content = last.value(QStringLiteral("content")).toString().toUtf8();
            if (tool == QLatin1String("list_sources")) {
                chosen = QJsonDocument::fromJson(content)
                             .array()
                             .first()[QStringLiteral("source")]
                             .toString();
                return FakeResponse::lines({toolCalls({call(QStringLiteral("read_source"),
                                                            {{QStringLiteral("source"), chosen}},
                                                            QStringLiteral("call_read0001"), 0)}),
                                            done()});
            }
            const QJsonObject reading = QJsonDocument::fromJson(content).object();
            value = reading.value(QStringLiteral("quality")).toString();
            return FakeResponse::lines({text(QStringLiteral("The source ")), text(chosen),
                                        text(QStringLiteral(" is ") + value + QStringLiteral(".")),
                                        done()});
        });
        QStringList args{QStringLiteral("What do you measure?"), QStringLiteral("--ollama"),
                         server.url()};
        if (json) {
            args << QStringLiteral("--json");
        }
        const Run run = ask(args);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(!chosen.isEmpty(), "list_sources gave no source: the builtin plugins did not run");
        QVERIFY(!value.isEmpty());
        QCOMPARE(server.chatRequests().size(), 3);
        const QString answer = QStringLiteral("The source %1 is %2.").arg(chosen, value);
        if (!json) {
            const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            QCOMPARE(lines.size(), 5);
            QVERIFY2(lines.at(0).startsWith(QStringLiteral("→ list_sources")), qPrintable(run.out));
            QVERIFY(lines.at(1).startsWith(QStringLiteral("← list_sources [")));
            QCOMPARE(lines.at(2), QStringLiteral("→ read_source {\"source\":\"%1\"}").arg(chosen));
            QVERIFY(lines.at(3).startsWith(QStringLiteral("← read_source {")));
            QCOMPARE(lines.at(4), answer);
        } else {
            const QJsonArray events = QJsonDocument::fromJson(run.out.toUtf8()).array();
            QStringList types;
            for (const QJsonValue &e : events) {
                const QString type = e[QStringLiteral("type")].toString();
                if (type != QLatin1String("delta")) {
                    types << type;
                }
            }
            QCOMPARE(types, (QStringList{QStringLiteral("question"), QStringLiteral("tool_call"),
                                         QStringLiteral("tool_result"), QStringLiteral("tool_call"),
                                         QStringLiteral("tool_result"), QStringLiteral("answer")}));
            QCOMPARE(events.last()[QStringLiteral("text")].toString(), answer);
        }
    }
};

QTEST_GUILESS_MAIN(tst_AskCommand)
#include "tst_askcommand.moc"
