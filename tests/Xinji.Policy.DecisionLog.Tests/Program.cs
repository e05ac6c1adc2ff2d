namespace Xinji.Policy.DecisionLog.Tests;

/// <summary>The test assembly's entry point: the crash test's child (<see cref="CrashChild"/>); the test runner never calls it.</summary>
public static class Program
{
    public static int Main(string[] args) => CrashChild.Run(args);
}
