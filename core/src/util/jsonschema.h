// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <memory>

namespace Smollama {

/*! One validation failure: where (a key path such as "pins[0].mode", empty for the top
    level) and what the schema expects there. */
struct SchemaError
{
    QString path;
    QString message;
    /*! True when the value at path is unusable (a wrong type, out of bounds, not one of the
        allowed values), rather than, say, an object that lacks a required key. */
    bool invalidValue = false;
};

/*!
    A compiled JSON Schema (draft 7) with valijson underneath. Never throws: a broken schema
    is reported by isValid()/errorString(), a failed validation by the returned errors.
*/
class SMOLLAMA_EXPORT JsonSchema
{
public:
    JsonSchema();
    explicit JsonSchema(const QJsonObject &schema);
    ~JsonSchema();
    JsonSchema(const JsonSchema &other);
    JsonSchema &operator=(const JsonSchema &other);

    /*! False when the schema itself could not be compiled; errorString() says why. */
    bool isValid() const;
    QString errorString() const;
    QJsonObject schema() const;

    /*! Validates \a value; an empty list means it is valid. Only the innermost failure of each
        branch is kept, so each error names the key that is wrong; its message says what to
        write instead ("expected an integer, got the string \"abc\""). */
    QList<SchemaError> validate(const QJsonValue &value) const;

    /*! Returns \a value with every missing property that has a "default" in \a schema filled
        in, recursively through nested objects and array items. Objects that are absent but
        whose properties have defaults are created. */
    static QJsonValue applyDefaults(const QJsonObject &schema, const QJsonValue &value);

    /*! Joins a key path: appendKey("pins[0]", "mode") is "pins[0].mode". */
    static QString appendKey(const QString &path, const QString &key);
    static QString appendIndex(const QString &path, int index);

    /*! One step of a key path: a key, or an array index ("[n]"). */
    struct PathSegment
    {
        QString key;
        int index = -1; //!< >= 0 for "[n]"
    };
    /*! The steps of a key path: "plugins.custom[0].name" is plugins, custom, [0], name. */
    static QList<PathSegment> splitPath(const QString &path);
    /*! The part of \a schema that describes \a path ("pins[0].mode"), following "properties"
        (else an "additionalProperties" schema) and "items"; empty when the schema does not
        say. The one schema walk behind the configuration's and the plugins' messages. */
    static QJsonObject schemaAt(const QJsonObject &schema, const QString &path);

private:
    struct Compiled;
    std::shared_ptr<const Compiled> m_compiled;
    QJsonObject m_schema;
    QString m_error;
};

} // namespace Smollama
