// SPDX-License-Identifier: GPL-3.0-or-later
#include <smollama/names.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace Smollama {

namespace {

// The manifest schema's "name" property: the one place the rule is written.
struct NameRule
{
    QString pattern;
    QRegularExpression re;
    int maxLength = 0;

    NameRule()
    {
        QFile file(QStringLiteral(":/smollama/schemas/manifest.schema.json"));
        if (file.open(QIODevice::ReadOnly)) {
            const QJsonObject name = QJsonDocument::fromJson(file.readAll())
                                         .object()
                                         .value(QLatin1String("properties"))
                                         .toObject()
                                         .value(QLatin1String("name"))
                                         .toObject();
            pattern = name.value(QLatin1String("pattern")).toString();
            maxLength = name.value(QLatin1String("maxLength")).toInt();
        }
        // The schema is compiled into this library; without it no name is valid rather than
        // every name.
        Q_ASSERT(!pattern.isEmpty());
        // JSON Schema patterns are ECMA-262: "$" ends the text. PCRE's "$" also matches before a
        // final newline, which would let "door\n" through; \z (anchoredPattern) does not.
        re.setPattern(QRegularExpression::anchoredPattern(pattern));
    }

    bool matches(const QString &name) const
    {
        return !pattern.isEmpty() && re.isValid() && re.match(name).hasMatch();
    }
};

const NameRule &rule()
{
    static const NameRule s_rule;
    return s_rule;
}

} // namespace

QString namePattern()
{
    return rule().pattern;
}

bool isValidName(const QString &name)
{
    return rule().matches(name);
}

bool isValidPluginName(const QString &name)
{
    return rule().matches(name) && (rule().maxLength <= 0 || name.size() <= rule().maxLength);
}

} // namespace Smollama
