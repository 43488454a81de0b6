// SPDX-License-Identifier: GPL-3.0-or-later
#include "yamljson.h"

#include "util/jsonschema.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include <exception>
#include <string>
#include <utility>

namespace Smollama::Internal {

namespace {

// The translation context of this file's messages (docs/translations.md).
class YamlTr
{
    Q_DECLARE_TR_FUNCTIONS(Config)
};

// Bounds that keep a hostile or broken file from exhausting the stack or the memory: aliases
// can expand a small text into an enormous tree ("billion laughs"). A configuration file is
// far below both.
constexpr int s_maxDepth = 64;
constexpr int s_maxNodes = 50000;

const std::string s_strTag = "tag:yaml.org,2002:str";
const std::string s_binaryTag = "tag:yaml.org,2002:binary";

ConfigLocation locationOf(const YAML::Mark &mark, const QString &fileName)
{
    ConfigLocation location;
    location.file = fileName;
    if (!mark.is_null() && mark.line >= 0) {
        location.line = mark.line + 1;
        location.column = mark.column + 1;
    }
    return location;
}

ConfigDiagnostic errorAt(const ConfigLocation &location, const QString &key, const QString &message)
{
    ConfigDiagnostic d;
    d.severity = ConfigDiagnostic::Severity::Error;
    d.location = location;
    d.key = key;
    d.message = message;
    return d;
}

class Converter
{
public:
    Converter(const QString &fileName, YamlJson &out)
        : m_fileName(fileName)
        , m_out(out)
    {
    }

    QJsonValue convert(const YAML::Node &node, const QString &path, int depth)
    {
        if (m_aborted) {
            return QJsonValue();
        }
        if (++m_nodes > s_maxNodes) {
            abort(node, path,
                  YamlTr::tr("the document is too large (more than %1 values, counting "
                             "what aliases expand to)")
                      .arg(s_maxNodes));
            return QJsonValue();
        }
        if (depth > s_maxDepth) {
            abort(node, path,
                  YamlTr::tr("the document is nested too deeply (more than %1 levels)")
                      .arg(s_maxDepth));
            return QJsonValue();
        }
        switch (node.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null:
            return QJsonValue(QJsonValue::Null);
        case YAML::NodeType::Scalar: {
            const std::string &tag = node.Tag();
            const bool quoted = tag == "!" || tag == s_strTag || tag == s_binaryTag;
            return yamlScalarToJson(QString::fromStdString(node.Scalar()), quoted);
        }
        case YAML::NodeType::Sequence:
            return convertSequence(node, path, depth);
        case YAML::NodeType::Map:
            return convertMap(node, path, depth);
        }
        return QJsonValue();
    }

private:
    QJsonValue convertSequence(const YAML::Node &node, const QString &path, int depth)
    {
        QJsonArray array;
        int index = 0;
        for (auto it = node.begin(); it != node.end() && !m_aborted; ++it, ++index) {
            const YAML::Node item = *it;
            const QString itemPath = JsonSchema::appendIndex(path, index);
            m_out.locations.insert(itemPath, locationOf(item.Mark(), m_fileName));
            array.append(convert(item, itemPath, depth + 1));
        }
        return array;
    }

    QJsonValue convertMap(const YAML::Node &node, const QString &path, int depth)
    {
        QJsonObject object;
        QHash<QString, ConfigLocation> seen;
        for (auto it = node.begin(); it != node.end() && !m_aborted; ++it) {
            const YAML::Node key = it->first;
            const YAML::Node value = it->second;
            const ConfigLocation keyLocation = locationOf(key.Mark(), m_fileName);
            if (!key.IsScalar()) {
                m_out.diagnostics.append(
                    errorAt(keyLocation, path,
                            key.IsNull() ? YamlTr::tr("a key is empty; write a name before "
                                                      "the ':'")
                                         : YamlTr::tr("a key must be plain text, not a list "
                                                      "or a map")));
                continue;
            }
            const QString name = QString::fromStdString(key.Scalar());
            const QString keyPath = JsonSchema::appendKey(path, name);
            const auto previous = seen.constFind(name);
            if (previous != seen.constEnd()) {
                m_out.diagnostics.append(
                    errorAt(keyLocation, keyPath,
                            YamlTr::tr("duplicate key '%1': it is on line %2 and again on "
                                       "line %3; keep one")
                                .arg(name)
                                .arg(previous->line)
                                .arg(keyLocation.line)));
                continue;
            }
            seen.insert(name, keyLocation);
            m_out.locations.insert(keyPath, keyLocation);
            object.insert(name, convert(value, keyPath, depth + 1));
        }
        return object;
    }

public:
    bool aborted() const { return m_aborted; }

private:
    void abort(const YAML::Node &node, const QString &path, const QString &message)
    {
        Q_UNUSED(path) // would be as long as the nesting; the location says where
        m_aborted = true;
        m_out.diagnostics.append(errorAt(locationOf(node.Mark(), m_fileName), QString(), message));
    }

    QString m_fileName;
    YamlJson &m_out;
    int m_nodes = 0;
    bool m_aborted = false;
};

// yaml-cpp's messages name the parser's state; add what usually causes it.
QString syntaxHint(const std::string &message)
{
    static const std::pair<const char *, const char *> hints[] = {
        {YAML::ErrorMsg::END_OF_MAP, "check the indentation of this line and the ones above"},
        {YAML::ErrorMsg::END_OF_SEQ, "check the indentation of this line and the ones above"},
        {YAML::ErrorMsg::END_OF_MAP_FLOW, "a '{' is not closed with '}'"},
        {YAML::ErrorMsg::END_OF_SEQ_FLOW, "a '[' is not closed with ']'"},
        {YAML::ErrorMsg::MAP_VALUE, "a value that contains ': ' must be quoted"},
        {YAML::ErrorMsg::TAB_IN_INDENTATION, "indent with spaces, not tabs"},
    };
    for (const auto &[text, hint] : hints) {
        if (message == text) {
            return QStringLiteral(" (%1)").arg(QString::fromLatin1(hint));
        }
    }
    return QString();
}

} // namespace

bool YamlJson::hasErrors() const
{
    for (const ConfigDiagnostic &d : diagnostics) {
        if (d.severity == ConfigDiagnostic::Severity::Error) {
            return true;
        }
    }
    return false;
}

QJsonValue yamlScalarToJson(const QString &text, bool quoted)
{
    if (quoted) {
        return text;
    }
    static const QRegularExpression decimal(QStringLiteral("^[-+]?[0-9]+$"));
    static const QRegularExpression hex(QStringLiteral("^([-+]?)0x([0-9a-fA-F]+)$"));
    static const QRegularExpression octal(QStringLiteral("^([-+]?)0o([0-7]+)$"));
    static const QRegularExpression floating(
        QStringLiteral("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"));

    if (text.isEmpty() || text == QLatin1String("~") || text == QLatin1String("null") ||
        text == QLatin1String("Null") || text == QLatin1String("NULL")) {
        return QJsonValue(QJsonValue::Null);
    }
    static const char *const trueWords[] = {"true", "True", "TRUE", "yes", "Yes",
                                            "YES",  "on",   "On",   "ON"};
    static const char *const falseWords[] = {"false", "False", "FALSE", "no", "No",
                                             "NO",    "off",   "Off",   "OFF"};
    for (const char *w : trueWords) {
        if (text == QLatin1String(w)) {
            return true;
        }
    }
    for (const char *w : falseWords) {
        if (text == QLatin1String(w)) {
            return false;
        }
    }
    bool ok = false;
    if (decimal.match(text).hasMatch()) {
        const qlonglong n = text.toLongLong(&ok, 10);
        return ok ? QJsonValue(double(n)) : QJsonValue(text.toDouble());
    }
    for (const auto &[re, base] : {std::pair{&hex, 16}, std::pair{&octal, 8}}) {
        const QRegularExpressionMatch m = re->match(text);
        if (m.hasMatch()) {
            const qulonglong n = m.captured(2).toULongLong(&ok, base);
            if (ok) {
                const double value = double(n);
                return m.captured(1) == QLatin1String("-") ? -value : value;
            }
            return text;
        }
    }
    if (floating.match(text).hasMatch()) {
        const double value = text.toDouble(&ok);
        if (ok) {
            return value;
        }
    }
    // .inf and .nan have no JSON form: they stay text, and a schema expecting a number says so.
    return text;
}

YamlJson yamlToJson(const YAML::Node &node, const QString &fileName)
{
    YamlJson out;
    try {
        Converter converter(fileName, out);
        ConfigLocation root = locationOf(node.Mark(), fileName);
        out.locations.insert(QString(), root);
        out.value = converter.convert(node, QString(), 0);
        // A document cut short is not the document the user wrote: use none of it.
        out.parsed = !converter.aborted();
        if (!out.parsed) {
            out.value = QJsonValue();
        }
    } catch (const YAML::Exception &e) {
        out.diagnostics.append(
            errorAt(locationOf(e.mark, fileName), QString(), QString::fromStdString(e.msg)));
    } catch (const std::exception &e) {
        out.diagnostics.append(
            errorAt(ConfigLocation{fileName, 0, 0}, QString(), QString::fromUtf8(e.what())));
    }
    return out;
}

YamlJson parseYaml(const QByteArray &yaml, const QString &fileName)
{
    YAML::Node root;
    try {
        root = YAML::Load(yaml.toStdString());
    } catch (const YAML::Exception &e) {
        YamlJson out;
        out.diagnostics.append(errorAt(locationOf(e.mark, fileName), QString(),
                                       YamlTr::tr("YAML syntax error: %1%2")
                                           .arg(QString::fromStdString(e.msg), syntaxHint(e.msg))));
        return out;
    } catch (const std::exception &e) {
        YamlJson out;
        out.diagnostics.append(
            errorAt(ConfigLocation{fileName, 0, 0}, QString(),
                    YamlTr::tr("cannot parse the YAML: %1").arg(QString::fromUtf8(e.what()))));
        return out;
    }
    YamlJson out = yamlToJson(root, fileName);
    if (out.parsed && out.locations.value(QString()).line == 0) {
        // An empty document has no mark; the top of the file is the natural place.
        out.locations.insert(QString(), ConfigLocation{fileName, 1, 1});
    }
    return out;
}

} // namespace Smollama::Internal
