using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Pricing.Grains;

namespace Pricing.Gateway.Access;

/// <summary>
/// Where the gateways keep the data protection keys that sign session cookies and anti-forgery tokens: the analytics
/// DB, through the identity grain (a gateway holds no database credentials). So a session made at one gateway is
/// good at every other and after a restart (docs/operators.md, Sessions).
/// </summary>
public sealed class SessionKeyRing(IGrainFactory grains) : IXmlRepository
{
    public const string ApplicationName = "pricing-grid";

    private IIdentityGrain Identity => grains.GetGrain<IIdentityGrain>(0);

    /// <summary>Data protection with its keys in this ring; needs the grain factory of a silo or cluster client.</summary>
    public static void AddTo(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<IGrainFactory>((o, grains) => o.XmlRepository = new SessionKeyRing(grains));
    }

    // IXmlRepository is synchronous. The key ring reads it when first needed and when keys roll (every 90 days by
    // default), never on an Orleans scheduler thread, so waiting here blocks one request thread once.
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. Identity.SessionKeys().AsTask().GetAwaiter().GetResult().Select(xml => XElement.Parse(xml))];

    public void StoreElement(XElement element, string friendlyName) =>
        Identity.AddSessionKey(friendlyName, element.ToString(SaveOptions.DisableFormatting)).AsTask().GetAwaiter().GetResult();
}
