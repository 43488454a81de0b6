// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QString>
#include <QtGlobal>

namespace Smollama {

/*!
    What the process was doing for a plugin when it died.

    Every call into a plugin (loading its library and checkDependencies(), setup(), each
    read(), each tool call, teardown()) runs inside a Scope, which marks the calling thread with
    the instance, the phase and the call's number: a few thread-local stores, nothing written
    to disk (bench_crashnote prints the cost per read).

    After arm(), a fatal signal (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT) makes the signal
    handler write the crashing thread's mark to the note file, with async-signal-safe calls
    only, and then lets the signal end the process as it would have (exit status, core dump and
    a sanitizer's report stay the same). The thread that crashes is the one that ran the bad
    code, so the crash is blamed on the right instance even while several are busy at once. A
    crash on a thread no Scope marks (a plugin's own thread, Qt's) is noted without an instance.
    A clean stop, a hang or SIGKILL write nothing.

    The note is one JSON object: "@crash" holds the signal, the time (seconds since the epoch)
    and the pid; the instance's name holds its phase and call number.
*/
class SMOLLAMA_EXPORT CrashNote
{
public:
    enum class Phase : quint8 { Load, Setup, Read, Tool, Teardown };

    /*! The mark of one instance: made once per name, never freed (the handler may read it at
        any time). */
    class Subject;
    static const Subject *subject(const QString &instance);

    /*! Marks the calling thread for its lifetime; nests (the outer mark comes back). */
    class SMOLLAMA_EXPORT Scope
    {
    public:
        Scope(const Subject *subject, Phase phase, quint64 call = 0) noexcept;
        ~Scope();
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;

    private:
        const Subject *m_subject;
        Phase m_phase;
        quint64 m_call;
    };

    /*! Installs the handlers; a crash writes the note to \a path (replaced atomically).
        Returns false when already armed. */
    static bool arm(const QString &path);
    /*! Puts the previous handlers back. */
    static void disarm();
    static bool isArmed();

    /*! "load", "setup", "read", "tool", "teardown": the phase as the note stores it. */
    static const char *phaseName(Phase phase);
};

} // namespace Smollama
