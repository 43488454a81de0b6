// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jsonschema.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace Smollama::Internal {

/*!
    Turns what the schema validator reports into what an operator reads: "expected an integer,
    got the string \"abc\"", "must be between 0 and 65535, got 70000", "unknown key 'hots' (did
    you mean 'host'?)". The one explainer behind the configuration's messages, the plugins'
    config checks and the tools' argument checks, so that the same mistake reads the same
    everywhere (and is translated once).
*/
class SchemaExplainer
{
public:
    /*! \a raw is the validator's error (its key path and text) for \a document, which was
        validated against \a schema. Returns the error as the operator reads it; its
        invalidValue says whether the value at the path is unusable. */
    static SchemaError explain(const QJsonObject &schema, const QJsonValue &document,
                               const SchemaError &raw);
    /*! True for the validator's texts that only say "something below failed" (the error below
        says what). */
    static bool isWrapper(const QString &rawMessage);
    /*! The validator's text made to read like a sentence (the fallback when nothing better is
        known). */
    static QString tidy(QString rawMessage);
    /*! The key path of the validator's context {"<root>", "[plugins]", "[0]"}. */
    static QString contextPath(const std::vector<std::string> &context);

    /*! "unknown key '<shown>' (did you mean '<candidate>'?)": \a key is compared with \a known
        for the suggestion; \a shown is how the key is quoted (the key or its whole path). */
    static QString unknownKey(const QString &shown, const QString &key, const QStringList &known);
    /*! "the string \"abc\"", "the number 5", "a list", ... in the terms of a YAML file. */
    static QString describeValue(const QJsonValue &value);
    /*! The JSON types \a schema allows ("type": a name or a list of names). */
    static QStringList types(const QJsonObject &schema);
};

} // namespace Smollama::Internal
