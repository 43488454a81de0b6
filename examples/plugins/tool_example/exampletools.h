// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/tool.h>

#include <QString>

#include <optional>

namespace Smollama::ToolExample {

/*!
    unit_convert(value, from, to): converts a temperature between "C", "F" and "K".
*/
class UnitConvertTool : public Tool
{
public:
    QString name() const override;
    QString description() const override;
    QJsonObject parametersSchema() const override;
    ToolResult call(const QJsonObject &arguments) override;

    /*! \a value in unit \a from converted to \a to; nothing for an unknown unit or a
        temperature below absolute zero. */
    static std::optional<double> convert(double value, const QString &from, const QString &to);
};

/*!
    uptime_text(): how long the machine has been up, in words ("3 days, 4 hours, 5 minutes"),
    from /proc/uptime.
*/
class UptimeTextTool : public Tool
{
public:
    /*! \a uptimeFile is a parameter so tests can use a fake file. */
    explicit UptimeTextTool(const QString &uptimeFile = QStringLiteral("/proc/uptime"));

    QString name() const override;
    QString description() const override;
    QJsonObject parametersSchema() const override;
    ToolResult call(const QJsonObject &arguments) override;

    /*! "2 days, 3 hours, 1 minute"; "0 minutes" under a minute. */
    static QString formatDuration(qint64 seconds);

private:
    QString m_uptimeFile;
};

} // namespace Smollama::ToolExample
