"""What both queue twins share: the getter, which records what it got and where it was cancelled."""
import asyncio


async def getter(q, name, trace):
    try:
        item = await q.get()
    except asyncio.CancelledError:
        trace.append(f"{name} cancelled in get")
        raise
    trace.append(f"{name} got {item}")
    try:
        await asyncio.sleep(0)
        trace.append(f"{name} not cancelled")
    except asyncio.CancelledError:
        trace.append(f"{name} then cancelled at the next checkpoint")
        raise


async def two_getters_in_line(q, trace):
    """Starts the getters "first" and "second" and lets both queue up, in that order."""
    first = asyncio.create_task(getter(q, "first", trace))
    await asyncio.sleep(0)
    second = asyncio.create_task(getter(q, "second", trace))
    await asyncio.sleep(0)
    return first, second
