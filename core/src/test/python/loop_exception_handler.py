# loop.set_exception_handler: a callback that raises and a task failure nobody retrieved reach the
# handler with a context; a handler that raises is logged and the loop goes on.
import asyncio
import gc

loop = asyncio.new_event_loop()


def describe(context):
    message = context["message"]
    for known in ("Exception in callback", "Task exception was never retrieved"):
        if message.startswith(known):
            message = known
    exc = context.get("exception")
    where = "task" if "future" in context else "callback" if "handle" in context else "none"
    return f"{message} | {exc} | {where}"


def handler(lp, context):
    print(f"handler: {describe(context)}")


loop.set_exception_handler(handler)
print(f"handler set: {loop.get_exception_handler() is handler}")


def boom():
    raise ValueError("callback boom")


loop.call_soon(boom)
loop.call_soon(lambda: print("callback after the failing one ran"))
loop.call_soon(loop.stop)
loop.run_forever()


async def fail():
    raise ValueError("task boom")


task = loop.create_task(fail())
loop.run_until_complete(asyncio.sleep(0))
del task
gc.collect()  # asyncio reports an unretrieved failure when the task is collected


def raising_handler(lp, context):
    print(f"raising handler: {describe(context)}")
    raise RuntimeError("handler boom")


loop.set_exception_handler(raising_handler)
loop.call_soon(boom)
loop.call_soon(lambda: print("loop went on after the handler raised"))
loop.call_soon(loop.stop)
loop.run_forever()

loop.set_exception_handler(None)
print(f"default restored: {loop.get_exception_handler() is None}")
loop.close()
