using System.Net;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Kernel.Accounts;

/// <summary>The Hangfire console is an administrator's tool, reached through the dashboard sign-in.</summary>
public sealed class HangfireAccessTests : AppFixture
{
    [Test]
    public async Task Anonymous_IsSentToSignIn()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = App.BaseAddress };

        using var response = await http.GetAsync("/hangfire");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location!.ToString(), Does.Contain("#/sign-in?return=%2Fhangfire"));
    }

    [Test]
    public async Task Editor_Gets403()
    {
        using var editor = await App.CreateUserAsync("editor");
        using var session = await TestAccounts.SignInAsync(App.BaseAddress, editor.UserName, editor.Password);

        Assert.That((await session.GetAsync("/hangfire")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Admin_SignedIn_Gets200()
    {
        using var session = await TestAccounts.SignInAsync(App.BaseAddress, TestAccounts.AdminUser, TestAccounts.AdminPassword);

        using var response = await session.GetAsync("/hangfire");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Gilgamesh jobs"));
    }
}
