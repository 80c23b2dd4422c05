using System.Text;
using Gilgamesh.Tests.Support;
using NUnit.Framework.Interfaces;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Gilgamesh.Tests.Dashboard;

/// <summary>
/// A headless Debian Chromium driven by the Debian chromedriver against a running app. Both are started
/// from fixed paths, so Selenium Manager never looks anything up or downloads a driver. The profile is a
/// fresh temp folder, removed on dispose. Browser console lines are kept for the whole session so a test
/// can assert that nothing SEVERE (script errors, CSP violations, failed loads) was logged.
/// </summary>
public sealed class BrowserSession : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string ChromeDriverDirectory = "/usr/bin";
    public const string ChromeDriverFile = "chromedriver";
    /// <summary>Set to <c>always</c> to attach a screenshot for passing tests too.</summary>
    public const string ScreenshotsVariable = "GILGAMESH_BROWSER_SCREENSHOTS";

    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(15);

    private readonly ChromeDriverService _service;
    private readonly TempDirectory _profile;
    private readonly List<LogEntry> _console = [];

    private BrowserSession(ChromeDriverService service, ChromeDriver driver, TempDirectory profile, Uri baseAddress)
    {
        _service = service;
        Driver = driver;
        _profile = profile;
        BaseAddress = baseAddress;
    }

    public ChromeDriver Driver { get; }
    public Uri BaseAddress { get; }

    /// <summary>Starts the browser, failing the test (never skipping it) when Chromium or its driver is missing.</summary>
    public static BrowserSession Start(Uri baseAddress)
    {
        var driverPath = Path.Combine(ChromeDriverDirectory, ChromeDriverFile);
        var missing = new[] { ChromiumPath, driverPath }.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
            Assert.Fail($"Browser tests need Debian's Chromium and its driver; missing {string.Join(", ", missing)}. " +
                        "Install them with: apt-get install chromium chromium-driver");

        var service = ChromeDriverService.CreateDefaultService(ChromeDriverDirectory, ChromeDriverFile);
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;

        var profile = new TempDirectory("gilgamesh-chromium");
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--window-size=1280,900", $"--user-data-dir={profile.Path}");
        // Chromium's console, every level: CSP violations and uncaught errors arrive as SEVERE.
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);

        try
        {
            var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
            return new BrowserSession(service, driver, profile, baseAddress);
        }
        catch (Exception e) when (e is WebDriverException or InvalidOperationException)
        {
            service.Dispose();
            profile.Dispose();
            Assert.Fail($"Could not start {ChromiumPath} through {driverPath} (Debian packages chromium, chromium-driver; " +
                        $"their versions must match): {e.Message}");
            throw; // unreachable: Assert.Fail throws
        }
    }

    /// <summary>Opens a dashboard route such as <c>#/jobs</c>.</summary>
    public void Open(string hashRoute) => Driver.Navigate().GoToUrl(new Uri(BaseAddress, hashRoute));

    /// <summary>
    /// Signs in through the dashboard's form (opening <c>#/jobs</c> first when no form is showing, which lands on
    /// <c>#/sign-in?return=…</c>), then waits until the app has routed to <paramref name="expectedPath"/> signed in.
    /// </summary>
    public Task SignInAsync(string userName, string password, string expectedPath = "/jobs")
    {
        if (!Driver.FindElements(By.Id("sign-in-user")).Any(e => e.Displayed)) Open("#/jobs");
        FillSignInForm(userName, password);
        WaitUntil(d => d.FindElements(By.CssSelector($"body[data-auth='signed-in'] #view[data-path='{expectedPath}']")).FirstOrDefault(),
            $"signed in as {userName} and on {expectedPath}");
        return Task.CompletedTask;
    }

    /// <summary>Types into the sign-in form and submits it; waits for nothing.</summary>
    public void FillSignInForm(string userName, string password)
    {
        var user = WaitForVisible(By.Id("sign-in-user"));
        user.Clear();
        user.SendKeys(userName);
        var field = Driver.FindElement(By.Id("sign-in-password"));
        field.Clear();
        field.SendKeys(password);
        Driver.FindElement(By.Id("sign-in-submit")).Click();
    }

    /// <summary>Picks an option of a &lt;select&gt; by value the way a user does: the page sees a change event.</summary>
    public void SelectOption(IWebElement select, string value) => Driver.ExecuteScript(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', { bubbles: true }));", select, value);

    public T WaitUntil<T>(Func<IWebDriver, T?> condition, string what, TimeSpan? timeout = null) where T : class
    {
        var wait = new WebDriverWait(Driver, timeout ?? DefaultWait) { PollingInterval = TimeSpan.FromMilliseconds(100), Message = what };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        return wait.Until(condition)!;
    }

    /// <summary>
    /// Clicks the <paramref name="index"/>th displayed match of <paramref name="by"/>, finding it afresh on every
    /// try: pages that re-render (live progress, polling) replace elements between a find and a click.
    /// </summary>
    public void Click(By by, int index = 0, TimeSpan? timeout = null) =>
        WaitUntil(d =>
        {
            var element = d.FindElements(by).Where(e => e.Displayed).ElementAtOrDefault(index);
            element?.Click();
            return element;
        }, $"{by} [{index}] clicked", timeout);

    /// <summary>Waits for an element that is on the page and displayed.</summary>
    public IWebElement WaitForVisible(By by, TimeSpan? timeout = null) =>
        WaitUntil(d => d.FindElements(by).FirstOrDefault(e => e.Displayed), $"{by} visible", timeout);

    /// <summary>Everything the console logged so far in this session (the driver hands each line out once).</summary>
    public IReadOnlyList<LogEntry> ConsoleEntries()
    {
        try
        {
            _console.AddRange(Driver.Manage().Logs.GetLog(LogType.Browser));
        }
        catch (WebDriverException)
        {
            // A dead browser has no more lines to give; keep what was collected.
        }
        return _console;
    }

    public void AssertNoSevereConsoleEntries()
    {
        var severe = ConsoleEntries().Where(e => e.Level == LogLevel.Severe).Select(e => e.Message).ToList();
        Assert.That(severe, Is.Empty, "SEVERE browser console entries (script errors, CSP violations, failed loads)");
    }

    /// <summary>The dashboard shows API failures as banners; none should appear on a healthy run.</summary>
    public void AssertNoErrorBanners()
    {
        var banners = Driver.FindElements(By.CssSelector("#banners .error-banner")).Select(b => b.Text.ReplaceLineEndings(" ")).ToList();
        Assert.That(banners, Is.Empty, "error banners on the dashboard");
    }

    /// <summary>Saves a PNG in the test's work directory and attaches it to the result; returns its path.</summary>
    public string? SaveScreenshot(string label)
    {
        var test = TestContext.CurrentContext.Test;
        var name = string.Concat($"{test.ClassName?.Split('.').Last()}.{test.MethodName}-{label}".Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        try
        {
            var png = Path.Combine(directory, name + ".png");
            Driver.GetScreenshot().SaveAsFile(png);
            TestContext.AddTestAttachment(png, $"Browser at {Driver.Url}");

            var log = Path.Combine(directory, name + ".console.txt");
            var lines = ConsoleEntries().Select(e => $"{e.Timestamp:HH:mm:ss.fff} {e.Level} {e.Message}");
            File.WriteAllText(log, string.Join('\n', lines) + '\n', new UTF8Encoding(false));
            TestContext.AddTestAttachment(log, "Browser console");
            return png;
        }
        catch (WebDriverException e)
        {
            TestContext.Out.WriteLine($"No screenshot: {e.Message}");
            return null;
        }
    }

    /// <summary>Call from [TearDown]: a failed test leaves a screenshot and the console behind.</summary>
    public void CaptureIfFailed()
    {
        var failed = TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed;
        var always = string.Equals(Environment.GetEnvironmentVariable(ScreenshotsVariable), "always", StringComparison.OrdinalIgnoreCase);
        if (failed || always) SaveScreenshot(failed ? "failure" : "end");
    }

    public void Dispose()
    {
        try { Driver.Quit(); } catch (WebDriverException) { }
        Driver.Dispose();
        _service.Dispose();
        _profile.Dispose();
    }
}
