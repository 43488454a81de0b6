// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP API's settings come from the configuration schema alone: its defaults when the file
// says nothing, the file's values as they are, and its bounds as configuration errors.
#include "config/config.h"
#include "http/httpapi.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTest>

using namespace Smollama;

namespace {

QJsonObject httpSchemaProperties()
{
    QFile file(QStringLiteral(SMOLLAMA_SOURCE_DIR "/core/src/schemas/config.schema.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.readAll())
        .object()
        .value(QLatin1String("properties"))
        .toObject()
        .value(QLatin1String("http"))
        .toObject()
        .value(QLatin1String("properties"))
        .toObject();
}

QJsonValue schemaDefault(const char *key)
{
    return httpSchemaProperties()
        .value(QLatin1String(key))
        .toObject()
        .value(QLatin1String("default"));
}

Config configFrom(const QByteArray &yaml)
{
    return Config::fromYaml(yaml, QStringLiteral("config.yaml"), QProcessEnvironment());
}

} // namespace

class tst_HttpSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsAreTheSchemas()
    {
        QVERIFY(!httpSchemaProperties().isEmpty());
        const HttpApi::Settings s = HttpApi::Settings::fromConfig(
            configFrom("node: {name: n}\n").section(QStringLiteral("http")));
        QCOMPARE(s.enabled, schemaDefault("enabled").toBool());
        QCOMPARE(s.host, schemaDefault("host").toString());
        QCOMPARE(s.port, schemaDefault("port").toInt());
        QCOMPARE(s.publicRead, schemaDefault("public_read").toBool());
        QCOMPARE(s.maxBodyBytes, schemaDefault("max_body_bytes").toInteger());
        QCOMPARE(s.maxHeaderBytes, schemaDefault("max_header_bytes").toInt());
        QCOMPARE(s.requestTimeoutMs,
                 qRound(schemaDefault("request_timeout_seconds").toDouble() * 1000));
        QCOMPARE(s.idleTimeoutMs, qRound(schemaDefault("idle_timeout_seconds").toDouble() * 1000));
        QCOMPARE(s.heartbeatMs, qRound(schemaDefault("heartbeat_seconds").toDouble() * 1000));
        QCOMPARE(s.maxConnections, schemaDefault("max_connections").toInt());
        QCOMPARE(s.maxEventClients, schemaDefault("max_event_clients").toInt());
        QCOMPARE(s.eventReplaySize, schemaDefault("event_replay_size").toInt());
        QVERIFY(s.corsOrigins.isEmpty());
    }

    // What the schema allows is used as written: no second, hidden limit in C++ (there was a
    // 64 MiB cap on the body that the schema did not state).
    void valuesAreUsedAsWritten()
    {
        const Config config = configFrom("http: {max_body_bytes: 100000000, "
                                         "request_timeout_seconds: 0.25, max_connections: 500}\n");
        QVERIFY(!config.hasErrors());
        const HttpApi::Settings s =
            HttpApi::Settings::fromConfig(config.section(QStringLiteral("http")));
        QCOMPARE(s.maxBodyBytes, qint64(100000000));
        QCOMPARE(s.requestTimeoutMs, 250);
        QCOMPARE(s.maxConnections, 500);
    }

    void boundsAreConfigurationErrors_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("key");
        QTest::newRow("timeout too short") << QByteArray("http: {request_timeout_seconds: 0.01}\n")
                                           << QStringLiteral("http.request_timeout_seconds");
        QTest::newRow("headers too large") << QByteArray("http: {max_header_bytes: 2000000}\n")
                                           << QStringLiteral("http.max_header_bytes");
        QTest::newRow("too many connections") << QByteArray("http: {max_connections: 200000}\n")
                                              << QStringLiteral("http.max_connections");
        QTest::newRow("negative body")
            << QByteArray("http: {max_body_bytes: -1}\n") << QStringLiteral("http.max_body_bytes");
    }
    void boundsAreConfigurationErrors()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, key);
        const Config config = configFrom(yaml);
        QVERIFY(config.hasErrors());
        QString all;
        for (const ConfigDiagnostic &d : config.diagnostics()) {
            all += d.toString() + QLatin1Char('\n');
        }
        QVERIFY2(all.contains(key), qPrintable(all));
    }
};

QTEST_GUILESS_MAIN(tst_HttpSettings)
#include "tst_httpsettings.moc"
