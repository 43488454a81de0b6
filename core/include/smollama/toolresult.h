// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonValue>
#include <QString>

namespace Smollama {

/*!
    What a Tool call returns: a JSON value on success, or an error text. Both go back to the
    caller (the agent's model, the HTTP API, the dashboard) as they are, so write error texts
    for a person: "pin 'door' is an input; only outputs can be written".
*/
class ToolResult
{
public:
    /*! A success carrying \a value. */
    static ToolResult ok(const QJsonValue &value = QJsonValue())
    {
        return ToolResult(true, value, {});
    }
    /*! A failure with \a message. */
    static ToolResult error(const QString &message) { return ToolResult(false, {}, message); }

    bool isOk() const { return m_ok; }
    QJsonValue value() const { return m_value; }
    /*! The text of a failure; empty on success (as Result::message()). */
    QString message() const { return m_error; }
    /*! The same as message(); kept for plugins written for SDK 1.0. */
    QString errorMessage() const { return m_error; }

private:
    ToolResult(bool ok, const QJsonValue &value, const QString &error)
        : m_ok(ok)
        , m_value(value)
        , m_error(error)
    {
    }

    bool m_ok = false;
    QJsonValue m_value;
    QString m_error;
};

} // namespace Smollama
