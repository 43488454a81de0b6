// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/jsonschema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace Smollama;

class tst_JsonSchema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void messages_data()
    {
        QTest::addColumn<QByteArray>("schema");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        QTest::addColumn<bool>("invalidValue");
        const QByteArray object =
            R"({"type": "object", "additionalProperties": false, "properties": {)"
            R"("version": {"type": "string", "enum": ["v1.0", "v2.10"]},)"
            R"("interval_s": {"type": "number", "minimum": 0.1},)"
            R"("depth": {"type": "integer", "minimum": 1},)"
            R"("name": {"type": "string", "pattern": "^[a-z]+$"},)"
            R"("value": {"type": "number"}}})";
        // The same messages as the configuration's (one explainer): what to write instead,
        // and what was written.
        QTest::newRow("enum values as written")
            << object << QByteArray(R"({"version": "v3"})") << "version"
            << "must be one of: v1.0, v2.10" << true;
        QTest::newRow("decimal limit")
            << object << QByteArray(R"({"interval_s": 0.01})") << "interval_s"
            << "must be at least 0.1, got 0.01" << true;
        QTest::newRow("integer limit") << object << QByteArray(R"({"depth": 0})") << "depth"
                                       << "must be at least 1, got 0" << true;
        QTest::newRow("not an integer") << object << QByteArray(R"({"depth": 1.5})") << "depth"
                                        << "expected an integer, got the number 1.5" << true;
        QTest::newRow("type") << object << QByteArray(R"({"value": "x"})") << "value"
                              << "expected a number, got the string \"x\"" << true;
        QTest::newRow("pattern") << object << QByteArray(R"({"name": "A1"})") << "name"
                                 << "has the wrong format (expected to match ^[a-z]+$)" << false;
        QTest::newRow("unknown key") << object << QByteArray(R"({"valeu": 1})") << "valeu"
                                     << "unknown key 'valeu' (did you mean 'value'?)" << false;
        QTest::newRow("missing key")
            << QByteArray(R"({"type": "object", "required": ["name"]})") << QByteArray("{}")
            << QString() << "missing required key 'name'" << false;
        QTest::newRow("in a list")
            << QByteArray(R"({"type": "object", "properties": {"pins": {"type": "array",)"
                          R"("items": {"type": "object", "properties": {"pin": {"type": )"
                          R"("integer", "minimum": 0, "maximum": 40}}}}}})")
            << QByteArray(R"({"pins": [{"pin": 3}, {"pin": 41}]})") << "pins[1].pin"
            << "must be between 0 and 40, got 41" << true;
    }

    void messages()
    {
        QFETCH(QByteArray, schema);
        QFETCH(QByteArray, value);
        QFETCH(QString, path);
        QFETCH(QString, message);
        QFETCH(bool, invalidValue);
        const JsonSchema compiled(QJsonDocument::fromJson(schema).object());
        QVERIFY2(compiled.isValid(), qPrintable(compiled.errorString()));
        const QList<SchemaError> errors =
            compiled.validate(QJsonDocument::fromJson(value).object());
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().path, path);
        QCOMPARE(errors.first().message, message);
        QCOMPARE(errors.first().invalidValue, invalidValue);
    }

    void defaultsFillNestedObjectsAndItems()
    {
        const QJsonObject schema =
            QJsonDocument::fromJson(
                R"({"type": "object", "properties": {)"
                R"("a": {"type": "number", "default": 1},)"
                R"("nested": {"type": "object", "properties": {"b": {"type": "string", "default": "x"}}},)"
                R"("list": {"type": "array", "items": {"type": "object",)"
                R"("properties": {"c": {"type": "boolean", "default": true}}}}}})")
                .object();
        const QJsonObject filled =
            JsonSchema::applyDefaults(
                schema, QJsonDocument::fromJson(R"({"list": [{}, {"c": false}]})").object())
                .toObject();
        QCOMPARE(filled.value(QLatin1String("a")).toDouble(), 1.0);
        QCOMPARE(
            filled.value(QLatin1String("nested")).toObject().value(QLatin1String("b")).toString(),
            QStringLiteral("x"));
        QCOMPARE(filled.value(QLatin1String("list"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QLatin1String("c"))
                     .toBool(),
                 true);
        QCOMPARE(filled.value(QLatin1String("list"))
                     .toArray()
                     .at(1)
                     .toObject()
                     .value(QLatin1String("c"))
                     .toBool(),
                 false);
    }

    // The one walk from a key path to the schema that describes it (config and plugin messages).
    void keyPathsFindTheirSchema_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("description"); // empty: the schema does not say
        QTest::newRow("top level") << QString() << QStringLiteral("root");
        QTest::newRow("property") << QStringLiteral("bus") << QStringLiteral("the bus");
        QTest::newRow("item of a list")
            << QStringLiteral("pins[3].mode") << QStringLiteral("the mode of a pin");
        QTest::newRow("entry of an open map")
            << QStringLiteral("labels.door") << QStringLiteral("a label");
        QTest::newRow("unknown key") << QStringLiteral("pins[0].colour") << QString();
        QTest::newRow("index into a map") << QStringLiteral("bus[0]") << QString();
    }
    void keyPathsFindTheirSchema()
    {
        QFETCH(QString, path);
        QFETCH(QString, description);
        const QJsonObject schema = QJsonDocument::fromJson(R"({
            "description": "root", "type": "object",
            "properties": {
                "bus": {"type": "integer", "description": "the bus"},
                "pins": {"type": "array", "items": {"type": "object",
                    "properties": {"mode": {"type": "string", "description": "the mode of a pin"}}}},
                "labels": {"type": "object",
                    "additionalProperties": {"type": "string", "description": "a label"}}
            }})")
                                       .object();
        QCOMPARE(JsonSchema::schemaAt(schema, path).value(QLatin1String("description")).toString(),
                 description);
        QCOMPARE(JsonSchema::splitPath(QStringLiteral("plugins.custom[12].name")).size(), 4);
        QCOMPARE(JsonSchema::splitPath(QStringLiteral("plugins.custom[12].name")).at(2).index, 12);
    }

    void brokenSchemaIsReportedNotThrown()
    {
        const JsonSchema compiled(
            QJsonDocument::fromJson(R"({"type": "object", "properties": {"a": {"type": 7}}})")
                .object());
        QVERIFY(!compiled.isValid());
        QVERIFY(!compiled.errorString().isEmpty());
        QCOMPARE(compiled.validate(QJsonObject()).size(), 1);
    }

    // Found by fuzz_plugin_manifest: a manifest whose configSchema is {"$ref": "#"} overflowed
    // the stack during plugin discovery (fuzz/corpus/plugin_manifest/refcycle-*.json).
    void circularReferencesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("schema");
        QTest::addColumn<QString>("error");
        QTest::newRow("itself") << QByteArray("{\"$ref\": \"#\"}")
                                << QStringLiteral("its \"$ref\"s refer to each other in a circle "
                                                  "(# -> #): every chain of references must end "
                                                  "at a schema");
        QTest::newRow("two definitions")
            << QByteArray("{\"definitions\": {\"a\": {\"$ref\": \"#/definitions/b\"},"
                          "\"b\": {\"$ref\": \"#/definitions/a\"}},"
                          "\"properties\": {\"x\": {\"$ref\": \"#/definitions/a\"}}}")
            << QStringLiteral("its \"$ref\"s refer to each other in a circle "
                              "(#/definitions/b -> #/definitions/a -> #/definitions/b): every "
                              "chain of references must end at a schema");
        QTest::newRow("escaped pointer")
            << QByteArray("{\"definitions\": {\"a/b\": {\"$ref\": \"#/definitions/a~1b\"}},"
                          "\"$ref\": \"#/definitions/a~1b\"}")
            << QStringLiteral("its \"$ref\"s refer to each other in a circle "
                              "(#/definitions/a~1b -> #/definitions/a~1b): every chain of "
                              "references must end at a schema");
    }

    void referencesOutsideTheSchemaAreRefused_data()
    {
        QTest::addColumn<QByteArray>("schema");
        QTest::addColumn<QString>("error");
        // Found by fuzz_plugin_manifest: "/b" resolved to the document itself, in a circle.
        QTest::newRow("another document")
            << QByteArray("{\"definitions\": {\"a\": {\"$ref\": \"/b\"}}, "
                          "\"$ref\": \"#/definitions/a\"}")
            << QStringLiteral("only references inside the schema (\"#/definitions/...\") are "
                              "supported, not \"/b\"");
        QTest::newRow("$id") << QByteArray("{\"properties\": {\"a\": {\"$id\": \"x.json\"}}}")
                             << QStringLiteral("\"$id\" is not supported (\"x.json\"): remove it");
    }

    void referencesOutsideTheSchemaAreRefused()
    {
        QFETCH(QByteArray, schema);
        QFETCH(QString, error);
        const JsonSchema compiled(QJsonDocument::fromJson(schema).object());
        QVERIFY(!compiled.isValid());
        QCOMPARE(compiled.errorString(), error);
        // A property may still be called "$id" or "$ref".
        const JsonSchema named(
            QJsonDocument::fromJson("{\"properties\": {\"$id\": {\"type\": \"string\"}, "
                                    "\"$ref\": {\"type\": \"number\"}}}")
                .object());
        QVERIFY2(named.isValid(), qPrintable(named.errorString()));
    }

    void circularReferencesAreRefused()
    {
        QFETCH(QByteArray, schema);
        QFETCH(QString, error);
        const JsonSchema compiled(QJsonDocument::fromJson(schema).object());
        QVERIFY(!compiled.isValid());
        QCOMPARE(compiled.errorString(), error);
    }

    void recursionThroughASchemaIsFine()
    {
        // A tree: a node's children are nodes. Each step goes through "items", not an alias.
        const JsonSchema compiled(
            QJsonDocument::fromJson(
                "{\"type\": \"object\", \"properties\": {"
                "\"children\": {\"type\": \"array\", \"items\": {\"$ref\": \"#\"}}}}")
                .object());
        QVERIFY2(compiled.isValid(), qPrintable(compiled.errorString()));
        QCOMPARE(compiled
                     .validate(QJsonDocument::fromJson(
                                   "{\"children\": [{\"children\": [{\"children\": 3}]}]}")
                                   .object())
                     .size(),
                 1);
    }

    // Patterns are compiled once per schema and kept: later validations, copies of the schema
    // and other threads still apply them, each to its own value.
    void patternsKeptAcrossValidationsAndThreads()
    {
        const JsonSchema schema(QJsonDocument::fromJson(
                                    R"({"type": "object", "properties": {"name": {"type": "string",
                    "pattern": "^[a-z]+$"}}})")
                                    .object());
        QVERIFY(schema.isValid());
        const QJsonObject good{{QStringLiteral("name"), QStringLiteral("abc")}};
        const QJsonObject bad{{QStringLiteral("name"), QStringLiteral("A1")}};
        QVERIFY(schema.validate(good).isEmpty());
        QCOMPARE(schema.validate(bad).size(), 1);
        QVERIFY(schema.validate(good).isEmpty());
        const JsonSchema copy = schema;
        QCOMPARE(copy.validate(bad).size(), 1);
        std::atomic<int> wrong{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < 200; ++i) {
                    const bool expectValid = (i + t) % 2 == 0;
                    const bool valid =
                        (t % 2 ? copy : schema).validate(expectValid ? good : bad).isEmpty();
                    if (valid != expectValid) {
                        ++wrong;
                    }
                }
            });
        }
        for (std::thread &t : threads) {
            t.join();
        }
        QCOMPARE(wrong.load(), 0);
    }

    void deepNestingIsRefused()
    {
        QJsonObject schema{{QStringLiteral("type"), QStringLiteral("object")}};
        for (int i = 0; i < 100; ++i) {
            schema = QJsonObject{
                {QStringLiteral("type"), QStringLiteral("object")},
                {QStringLiteral("properties"), QJsonObject{{QStringLiteral("a"), schema}}}};
        }
        const JsonSchema compiled(schema);
        QVERIFY(!compiled.isValid());
        QCOMPARE(compiled.errorString(), QStringLiteral("it is nested more than 64 levels deep"));
    }
};

QTEST_GUILESS_MAIN(tst_JsonSchema)
#include "tst_jsonschema.moc"
