import openai

client = openai.OpenAI()


def describe(df):
    return client.chat.completions.create(model='gpt-4o', messages=[{'role': 'user', 'content': df.to_csv()}])
