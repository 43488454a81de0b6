// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonschema.h"

#include "schemaexplainer.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>
#include <QUrl>

#include <valijson/adapters/qtjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <exception>
#include <mutex>

namespace Smollama {

namespace {
// The translation context of this file's messages (docs/translations.md).
class SchemaTr
{
    Q_DECLARE_TR_FUNCTIONS(JsonSchema)
};
} // namespace

struct JsonSchema::Compiled
{
    valijson::Schema schema;
    // valijson compiles each "pattern" into a std::regex when it first validates against it
    // and keeps it in its Validator: one Validator per compiled schema, rather than one per
    // validation, compiles each pattern once (compiling it again for every manifest cost 85%
    // of plugin discovery). Copies of a JsonSchema share it, possibly across threads.
    mutable std::mutex mutex;
    mutable valijson::Validator validator;
};

JsonSchema::JsonSchema() = default;
JsonSchema::~JsonSchema() = default;
JsonSchema::JsonSchema(const JsonSchema &other) = default;
JsonSchema &JsonSchema::operator=(const JsonSchema &other) = default;

namespace {

// The value at the JSON pointer of a local reference ("#", "#/definitions/a%20b/0"); null when
// there is none.
QJsonValue resolveLocalRef(const QJsonObject &root, const QString &ref)
{
    QJsonValue at(root);
    const QString pointer = QUrl::fromPercentEncoding(ref.mid(1).toUtf8());
    if (pointer.isEmpty()) {
        return at;
    }
    if (!pointer.startsWith(QLatin1Char('/'))) {
        return QJsonValue(QJsonValue::Undefined);
    }
    const QStringList tokens = pointer.mid(1).split(QLatin1Char('/'));
    for (QString token : tokens) {
        token.replace(QLatin1String("~1"), QLatin1String("/"));
        token.replace(QLatin1String("~0"), QLatin1String("~"));
        if (at.isObject()) {
            at = at.toObject().value(token);
        } else if (at.isArray()) {
            bool ok = false;
            const int index = token.toInt(&ok);
            at = ok ? at.toArray().at(index) : QJsonValue(QJsonValue::Undefined);
        } else {
            return QJsonValue(QJsonValue::Undefined);
        }
    }
    return at;
}

// What valijson cannot be given safely, as an error message (empty when there is nothing):
// - a chain of "$ref"s that leads back to itself without a schema in between ({"$ref": "#"},
//   or a -> b -> a in definitions) sends its parser into endless recursion (a stack overflow
//   found by fuzzing the manifest validator);
// - a reference to another document ("/b", "other.json#") or a "$id" that changes the base
//   of the references can make such a circle too, and smollama never fetches documents.
QString findBadReference(const QJsonObject &root, const QJsonValue &node)
{
    if (node.isArray()) {
        for (const QJsonValue &item : node.toArray()) {
            const QString error = findBadReference(root, item);
            if (!error.isEmpty()) {
                return error;
            }
        }
        return {};
    }
    if (!node.isObject()) {
        return {};
    }
    const QJsonObject object = node.toObject();
    if (object.value(QLatin1String("$id")).isString()) {
        return QStringLiteral("\"$id\" is not supported (\"%1\"): remove it")
            .arg(object.value(QLatin1String("$id")).toString());
    }
    const QJsonValue ref = object.value(QLatin1String("$ref"));
    if (ref.isString()) {
        if (!ref.toString().startsWith(QLatin1Char('#'))) {
            return QStringLiteral("only references inside the schema (\"#/definitions/...\") are "
                                  "supported, not \"%1\"")
                .arg(ref.toString());
        }
        QStringList chain{ref.toString()};
        QJsonValue target = resolveLocalRef(root, ref.toString());
        while (target.isObject() && target.toObject().value(QLatin1String("$ref")).isString()) {
            const QString next = target.toObject().value(QLatin1String("$ref")).toString();
            if (!next.startsWith(QLatin1Char('#'))) {
                break; // reported where it is written
            }
            if (chain.contains(next)) {
                chain.append(next);
                return QStringLiteral("its \"$ref\"s refer to each other in a circle (%1): every "
                                      "chain of references must end at a schema")
                    .arg(chain.join(QLatin1String(" -> ")));
            }
            chain.append(next);
            target = resolveLocalRef(root, next);
        }
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString error = findBadReference(root, it.value());
        if (!error.isEmpty()) {
            return error;
        }
    }
    return {};
}

// How deeply objects and arrays nest in \a node (counting stops above \a limit).
int nestingDepth(const QJsonValue &node, int limit)
{
    if (limit < 0 || (!node.isObject() && !node.isArray())) {
        return 0;
    }
    int deepest = 0;
    if (node.isObject()) {
        const QJsonObject object = node.toObject();
        for (auto it = object.begin(); it != object.end() && deepest <= limit; ++it) {
            deepest = std::max(deepest, nestingDepth(it.value(), limit - 1));
        }
    } else {
        const QJsonArray array = node.toArray();
        for (const QJsonValue &item : array) {
            deepest = std::max(deepest, nestingDepth(item, limit - 1));
            if (deepest > limit) {
                break;
            }
        }
    }
    return deepest + 1;
}

} // namespace

JsonSchema::JsonSchema(const QJsonObject &schema)
    : m_schema(schema)
{
    // Both checks keep valijson's recursive parser within the stack.
    constexpr int maxDepth = 64;
    if (nestingDepth(schema, maxDepth) > maxDepth) {
        m_error = QStringLiteral("it is nested more than %1 levels deep").arg(maxDepth);
        return;
    }
    if (const QString error = findBadReference(schema, schema); !error.isEmpty()) {
        m_error = error;
        return;
    }
    auto compiled = std::make_shared<Compiled>();
    try {
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        const QJsonValue root(schema);
        const valijson::adapters::QtJsonAdapter adapter(root);
        parser.populateSchema(adapter, compiled->schema);
        m_compiled = std::move(compiled);
    } catch (const std::exception &e) {
        m_error = QString::fromStdString(e.what());
    } catch (...) {
        m_error = SchemaTr::tr("unknown error while reading the schema");
    }
}

bool JsonSchema::isValid() const
{
    return m_compiled != nullptr;
}

QString JsonSchema::errorString() const
{
    return m_error;
}

QJsonObject JsonSchema::schema() const
{
    return m_schema;
}

QList<SchemaError> JsonSchema::validate(const QJsonValue &value) const
{
    QList<SchemaError> out;
    if (!m_compiled) {
        out.append({QString(), SchemaTr::tr("the schema is invalid: %1").arg(m_error)});
        return out;
    }
    valijson::ValidationResults results;
    try {
        const std::lock_guard<std::mutex> lock(m_compiled->mutex);
        const valijson::adapters::QtJsonAdapter adapter(value);
        if (m_compiled->validator.validate(m_compiled->schema, adapter, &results)) {
            return out;
        }
    } catch (const std::exception &e) {
        out.append(
            {QString(), SchemaTr::tr("validation failed: %1").arg(QString::fromUtf8(e.what()))});
        return out;
    }
    QSet<QString> seen;
    valijson::ValidationResults::Error error;
    QList<SchemaError> all;
    while (results.popError(error)) {
        all.append({Internal::SchemaExplainer::contextPath(error.context),
                    QString::fromStdString(error.description)});
    }
    for (const SchemaError &raw : std::as_const(all)) {
        if (Internal::SchemaExplainer::isWrapper(raw.message)) {
            continue;
        }
        const SchemaError e = Internal::SchemaExplainer::explain(m_schema, value, raw);
        const QString key = e.path + QLatin1Char('\n') + e.message;
        if (!seen.contains(key)) {
            seen.insert(key);
            out.append(e);
        }
    }
    if (out.isEmpty() && !all.isEmpty()) {
        out.append({all.first().path, Internal::SchemaExplainer::tidy(all.first().message)});
    }
    return out;
}

QJsonValue JsonSchema::applyDefaults(const QJsonObject &schema, const QJsonValue &value)
{
    QJsonValue v = value;
    if (v.isUndefined() && schema.contains(QLatin1String("default"))) {
        v = schema.value(QLatin1String("default"));
    }
    const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
    if (!properties.isEmpty() && (v.isObject() || v.isUndefined())) {
        QJsonObject obj = v.toObject();
        bool changed = false;
        for (auto it = properties.constBegin(); it != properties.constEnd(); ++it) {
            const QJsonValue current = obj.value(it.key());
            const QJsonValue filled = applyDefaults(it.value().toObject(), current);
            if (!filled.isUndefined() && filled != current) {
                obj.insert(it.key(), filled);
                changed = true;
            }
        }
        if (v.isObject() || changed) {
            v = obj;
        }
    }
    const QJsonObject items = schema.value(QLatin1String("items")).toObject();
    if (!items.isEmpty() && v.isArray()) {
        QJsonArray array = v.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            array[i] = applyDefaults(items, array.at(i));
        }
        v = array;
    }
    return v;
}

QString JsonSchema::appendKey(const QString &path, const QString &key)
{
    if (key.isEmpty()) {
        return path;
    }
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

QString JsonSchema::appendIndex(const QString &path, int index)
{
    return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

QList<JsonSchema::PathSegment> JsonSchema::splitPath(const QString &path)
{
    QList<PathSegment> out;
    QString current;
    for (qsizetype i = 0; i < path.size(); ++i) {
        const QChar c = path.at(i);
        if (c == QLatin1Char('.')) {
            if (!current.isEmpty()) {
                out.append({current, -1});
                current.clear();
            }
        } else if (c == QLatin1Char('[')) {
            if (!current.isEmpty()) {
                out.append({current, -1});
                current.clear();
            }
            const qsizetype end = path.indexOf(QLatin1Char(']'), i);
            if (end < 0) {
                current = path.mid(i);
                break;
            }
            out.append({QString(), path.mid(i + 1, end - i - 1).toInt()});
            i = end;
        } else {
            current.append(c);
        }
    }
    if (!current.isEmpty()) {
        out.append({current, -1});
    }
    return out;
}

QJsonObject JsonSchema::schemaAt(const QJsonObject &schema, const QString &path)
{
    QJsonObject node = schema;
    const QList<PathSegment> segments = splitPath(path);
    for (const PathSegment &s : segments) {
        if (s.index >= 0) {
            node = node.value(QLatin1String("items")).toObject();
        } else {
            const QJsonObject properties = node.value(QLatin1String("properties")).toObject();
            if (properties.contains(s.key)) {
                node = properties.value(s.key).toObject();
            } else {
                node = node.value(QLatin1String("additionalProperties")).toObject();
            }
        }
        if (node.isEmpty()) {
            return {};
        }
    }
    return node;
}

} // namespace Smollama
