namespace CloudPortal.Graph;

public enum PageKind
{
    Home,
    Article,
    Page,
    ArticleList,
    TagIndex,
    Tag,
    Entity,
    EntityIndex,
    Archive,
    ArchiveIndex,
    Search,
    CaseExplorer,
    Mentions,
    NotFound,
    Alias,
}
