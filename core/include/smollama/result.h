// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Smollama {

/*!
    The outcome of a fallible plugin call such as Plugin::setup() or
    Plugin::checkDependencies(): success, or a message a person can act on.

    Plugins return results instead of throwing. (The host still catches what a plugin throws
    and reports it, but a result carries a better message.)
*/
class Result
{
public:
    enum class Code {
        Ok,            //!< It worked.
        Error,         //!< It failed; message() says why and what to do.
        NotReady,      //!< It failed for a reason that may pass (a device still booting).
        InvalidConfig, //!< The configuration cannot work (a pin listed twice); shown as
                       //!< invalid_config, like a schema error.
    };

    /*! A successful result. */
    Result() = default;

    /*! A successful result. */
    static Result ok() { return Result(); }

    /*! A failure. \a message says what failed, why, and what to do next. */
    static Result error(const QString &message) { return Result(Code::Error, message); }

    /*! A failure that may pass by itself, such as a device that is not ready yet. */
    static Result notReady(const QString &message) { return Result(Code::NotReady, message); }

    /*! A configuration problem the schema cannot express (values that contradict each other).
        \a message names the key: "pins[2] (door): pin 17 is already used by pins[0] (led)". */
    static Result invalidConfig(const QString &message)
    {
        return Result(Code::InvalidConfig, message);
    }

    /*! True when the call succeeded. */
    bool isOk() const { return m_code == Code::Ok; }

    /*! What happened. */
    Code code() const { return m_code; }

    /*! The reason of a failure; empty on success. */
    QString message() const { return m_message; }

private:
    Result(Code code, const QString &message)
        : m_code(code)
        , m_message(message)
    {
    }

    Code m_code = Code::Ok;
    QString m_message;
};

} // namespace Smollama
