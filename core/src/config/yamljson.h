// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config.h"

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace YAML {
class Node;
} // namespace YAML

namespace Smollama::Internal {

/*!
    A YAML document converted to JSON, with the place of every key in the file.

    Keys of \c locations are key paths as JsonSchema reports them: "ollama.port",
    "plugins.custom[0].config.pins[1].mode"; "" is the document itself. A map entry is located
    at its key, a list item at its first character (for "- pin: 17", at "pin").
*/
struct YamlJson
{
    QJsonValue value;
    QHash<QString, ConfigLocation> locations;
    /*! Syntax errors, duplicate keys, keys that are not plain text. */
    QList<ConfigDiagnostic> diagnostics;
    /*! False when the text could not be parsed at all (a syntax error); value is then null. */
    bool parsed = false;

    bool hasErrors() const;
};

/*!
    Parses the first YAML document in \a yaml and converts it. Never throws: a syntax error is
    an error diagnostic naming \a fileName, the 1-based line and column and what yaml-cpp said.
    An empty document gives a null value.
*/
YamlJson parseYaml(const QByteArray &yaml, const QString &fileName);

/*! Converts an already parsed node (see parseYaml()). Never throws. */
YamlJson yamlToJson(const YAML::Node &node, const QString &fileName);

/*!
    The JSON value of one scalar. A \a quoted scalar (or one tagged !!str) stays a string;
    a plain one is resolved as YAML 1.1 does for configuration files: ~, null, Null, NULL and
    the empty string are null; true/false, yes/no and on/off (lower, capitalised or upper case)
    are booleans; decimal, 0x hexadecimal and 0o octal integers and decimal floats are numbers;
    anything else is a string.
*/
QJsonValue yamlScalarToJson(const QString &text, bool quoted);

} // namespace Smollama::Internal
