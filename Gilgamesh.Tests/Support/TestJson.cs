using System.Text.Json;

namespace Gilgamesh.Tests.Support;

public static class TestJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
