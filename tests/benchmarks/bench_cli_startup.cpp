// SPDX-License-Identifier: GPL-3.0-or-later
// Cold start of smollama-cli: `--help`, `plugin list` and `config check` (no running node, the
// builtin plugins next to the program, a fresh HOME), each started SMOLLAMA_BENCH_RUNS times
// (default 30). Prints the median wall time and the median CPU time (user + system, which the
// other work on a shared machine disturbs less) next to the goal (issue 19: < 20 ms). Never
// asserts. For instruction counts that repeat:
//   valgrind --tool=callgrind smollama-cli plugin list
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

struct Run
{
    double wallMs = 0;
    double cpuMs = 0;
    int status = -1;
};

Run runOnce(const std::vector<std::string> &args)
{
    std::vector<char *> argv;
    for (const std::string &a : args) {
        argv.push_back(const_cast<char *>(a.c_str()));
    }
    argv.push_back(nullptr);
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, 1);
        ::dup2(null, 2);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    Run run;
    rusage usage{};
    int status = 0;
    ::wait4(pid, &status, 0, &usage);
    run.wallMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    run.cpuMs = (double(usage.ru_utime.tv_sec) + double(usage.ru_stime.tv_sec)) * 1000.0 +
                (double(usage.ru_utime.tv_usec) + double(usage.ru_stime.tv_usec)) / 1000.0;
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main()
{
    char home[] = "/tmp/bench_cli_startup-XXXXXX";
    if (!::mkdtemp(home)) {
        std::printf("cannot make a temporary HOME\n");
        return 1;
    }
    ::setenv("HOME", home, 1);
    ::unsetenv("SMOLLAMA_CONFIG");
    const char *runsText = std::getenv("SMOLLAMA_BENCH_RUNS");
    const int runs = runsText ? std::max(1, std::atoi(runsText)) : 30;
    const std::string cli = SMOLLAMA_CLI;
    const std::vector<std::vector<std::string>> commands = {
        {cli, "--help"}, {cli, "plugin", "list"}, {cli, "config", "check"}};
    for (const auto &command : commands) {
        runOnce(command); // warm the page cache
        std::vector<double> wall;
        std::vector<double> cpu;
        int status = 0;
        for (int i = 0; i < runs; ++i) {
            const Run r = runOnce(command);
            wall.push_back(r.wallMs);
            cpu.push_back(r.cpuMs);
            status = r.status;
        }
        std::string name;
        for (size_t i = 1; i < command.size(); ++i) {
            name += (i > 1 ? " " : "") + command[i];
        }
        std::printf("smollama-cli %s (exit %d), %d runs: wall median %.1f ms (min %.1f), CPU "
                    "median %.1f ms (goal: < 20 ms)\n",
                    name.c_str(), status, runs, median(wall),
                    *std::min_element(wall.begin(), wall.end()), median(cpu));
        std::fflush(stdout);
    }
    const std::string cleanup = std::string("rm -rf '") + home + "'";
    return std::system(cleanup.c_str()) == 0 ? 0 : 1;
}
